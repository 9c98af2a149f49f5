import { describe, expect, it } from 'vitest';
import { addressPattern, withoutAddress } from './contact-erasure.ts';
import { makeItem } from './store-fixtures.ts';

describe('erasing an address from an item', () => {
  it('matches the address whole, in any case, and not inside a longer one', () => {
    const found = (text: string) => text.match(addressPattern('jane.roe@globex.example')) ?? [];
    expect(found('Jane <JANE.ROE@globex.example>, jane.roe@globex.example.')).toEqual(['JANE.ROE@globex.example', 'jane.roe@globex.example']);
    expect(found('mary.jane.roe@globex.example bojane.roe@globex.example jane.roe@globex.example.org jane.roe@globex.examples')).toEqual([]);
    expect(found('mailto:jane.roe@globex.example?subject=Hi')).toEqual(['jane.roe@globex.example']);
  });

  it('reads the address literally', () => {
    expect('a+b@x.example axb@x.example'.match(addressPattern('a+b@x.example'))).toEqual(['a+b@x.example']);
    expect('jane@globexXexample'.match(addressPattern('jane@globex.example'))).toBeNull();
  });

  it('leaves an item that holds the address nowhere as it is', () => {
    expect(withoutAddress(makeItem(1), 'jane@globex.example')).toBeNull();
  });

  it('removes the consent with the contact, and keeps a reporter or contact of another address', () => {
    const item = makeItem(1, { customer: { accountId: 'a', contactEmail: 'Jane@Globex.example', mayContact: true } });
    const erased = withoutAddress(item, ' jane@globex.example ');
    expect(erased?.item.customer).toEqual({ accountId: 'a' });
    expect(erased?.item.reporter).toEqual(item.reporter);
    expect(erased?.searchable).toBe(false);
    // The item it was made from is not changed.
    expect(item.customer.contactEmail).toBe('Jane@Globex.example');
  });
});
