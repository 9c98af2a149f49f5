import { describe, expect, it } from 'vitest';
import { testConfig } from '../domain/test-support.ts';
import { etagMatches, publicSurveys, strongEtag } from './public-surveys.ts';

describe('publicSurveys', () => {
  it('holds the active surveys of the project only', () => {
    const body = publicSurveys(testConfig(), 'pk_test');
    expect(body.surveys.map((s) => s.id)).toEqual(['app-nps', 'portal-cancel', 'extension-exit']);
    expect(body).not.toHaveProperty('seen');
  });
  it('throws HEED_ERR_UNKNOWN_PROJECT for a key not in the config', () => {
    expect(() => publicSurveys(testConfig(), 'pk_nope')).toThrow(expect.objectContaining({ code: 'HEED_ERR_UNKNOWN_PROJECT', statusCode: 404 }));
  });
});

describe('ETags', () => {
  it('change with the bytes', () => {
    expect(strongEtag('{"a":1}')).toBe(strongEtag('{"a":1}'));
    expect(strongEtag('{"a":1}')).not.toBe(strongEtag('{"a":2}'));
    expect(strongEtag('x')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
  });
  it('match If-None-Match lists, weak forms and *', () => {
    const etag = strongEtag('x');
    expect(etagMatches(undefined, etag)).toBe(false);
    expect(etagMatches(`"other", ${etag}`, etag)).toBe(true);
    expect(etagMatches(`W/${etag}`, etag)).toBe(true);
    expect(etagMatches('*', etag)).toBe(true);
    expect(etagMatches('"other"', etag)).toBe(false);
  });
});
