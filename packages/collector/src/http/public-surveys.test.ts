import { describe, expect, it } from 'vitest';
import { testConfig } from '../domain/test-support.ts';
import { etagMatches, publicSurveys, publicSurveysLookup, strongEtag, withSeen } from './public-surveys.ts';

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

describe('the list with a seen record', () => {
  const list = publicSurveysLookup(testConfig())('pk_test');
  const seen = { lastShownAt: { 'app-nps': '2026-11-30T10:00:00.000Z' }, lastAnyShownAt: '2026-11-30T10:00:00.000Z' };
  it('is the JSON of the list with seen added', () => {
    expect(withSeen(list, seen).json).toBe(JSON.stringify({ ...list.body, seen }));
    expect(JSON.parse(withSeen(list, { lastShownAt: {}, lastAnyShownAt: null }).json)).toEqual({ ...list.body, seen: { lastShownAt: {}, lastAnyShownAt: null } });
  });
  it('has a validator that changes with the seen record and with the list', () => {
    const once = withSeen(list, seen).etag;
    expect(withSeen(list, seen).etag).toBe(once);
    expect(withSeen(list, { ...seen, lastAnyShownAt: '2026-12-01T10:00:00.000Z' }).etag).not.toBe(once);
    expect(withSeen({ ...list, etag: strongEtag('another list') }, seen).etag).not.toBe(once);
    expect(once).not.toBe(list.etag);
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
