import { describe, expect, it } from 'vitest';
import { hostedPageContext } from './hosted-page.ts';

describe('hostedPageContext', () => {
  it('stores the short version as extensionVersion unless the long one is given', () => {
    expect(hostedPageContext({ installId: 'i-1', version: '1.2.3', locale: 'fr' })).toEqual({
      installId: 'i-1',
      extensionVersion: '1.2.3',
      locale: 'fr',
      plan: undefined,
    });
    expect(hostedPageContext({ version: '1.0.0', extensionVersion: '2.0.0', plan: 'saas' })).toMatchObject({ extensionVersion: '2.0.0', plan: 'saas' });
  });
});
