/**
 * What erasing an email address leaves of an intake item, the same on every adapter. The address goes from
 * every place an intake path puts a person's address: the customer's contact (with the consent to contact
 * it), the reporter (name and address: both are that person's), the details naming it (a forwarded
 * message's `from` and `forwardedBy`, its recipients, a case's contact) and the links holding it; where it
 * occurs in the title or the text (a signature, a quoted header), it is replaced by `[erased]`. The
 * feedback itself stays.
 */
import { normalizedAddress } from './contact-hash.ts';
import type { ItemDoc } from './store.ts';

export const ERASED_MARK = '[erased]';

/** The text matched literally in a regular expression. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The address as stored matched whole, in any case (`jane@x.example` does not match `bojane@x.example`). */
export function addressPattern(email: string): RegExp {
  return new RegExp(`(?<![\\w.+-])${escapeRegex(email.trim())}(?![\\w-]|\\.\\w)`, 'giu');
}

const same = (stored: string | undefined, email: string) => stored !== undefined && normalizedAddress(stored) === normalizedAddress(email);

/**
 * The item without the address, or `null` when it holds the address nowhere. `searchable` says whether the
 * title or the text changed (a search index over them must be rebuilt).
 */
export function withoutAddress(item: ItemDoc, email: string): { item: ItemDoc; searchable: boolean } | null {
  const pattern = addressPattern(email);
  const mentions = (text: string | undefined) => text !== undefined && text.search(pattern) !== -1;
  const redact = (text: string) => text.replace(pattern, ERASED_MARK);

  const next: ItemDoc = { ...item, customer: { ...item.customer }, details: {}, links: [] };
  let changed = false;
  if (same(next.customer.contactEmail, email)) {
    delete next.customer.contactEmail;
    delete next.customer.mayContact;
    changed = true;
  }
  if (same(item.reporter?.email, email)) {
    delete next.reporter;
    changed = true;
  }
  for (const [name, value] of Object.entries(item.details)) {
    if (mentions(value)) changed = true;
    else next.details[name] = value;
  }
  for (const link of item.links) {
    if (mentions(link.url) || mentions(link.title)) changed = true;
    else next.links.push(link);
  }
  const searchable = mentions(item.title) || mentions(item.text);
  if (searchable) {
    if (item.title !== undefined) next.title = redact(item.title);
    next.text = redact(item.text);
  }
  return changed || searchable ? { item: next, searchable } : null;
}
