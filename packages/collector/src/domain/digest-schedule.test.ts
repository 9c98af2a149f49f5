import { describe, expect, it } from 'vitest';
import { HeedConfigSchema } from '@heed/shared';
import { digestPeriodKey, digestSettings, nextDigestAt, previousDigestAt, type DigestSettings } from './digest-schedule.ts';

const at = (iso: string) => new Date(iso);
const settings = (fields: Partial<DigestSettings>): DigestSettings => ({ weekday: 'friday', hour: 16, timeZone: 'UTC', ...fields });

describe('digestSettings', () => {
  it('defaults to Friday 16:00 UTC', () => {
    const config = HeedConfigSchema.parse({ projects: [{ key: 'pk_a', name: 'A' }] });
    expect(digestSettings(config)).toEqual({ weekday: 'friday', hour: 16, timeZone: 'UTC' });
  });

  it('rejects a time zone Intl does not know, naming the field', () => {
    const result = HeedConfigSchema.safeParse({ projects: [{ key: 'pk_a', name: 'A' }], digest: { timeZone: 'Mars/Olympus' } });
    expect(result.error?.issues).toMatchObject([{ path: ['digest', 'timeZone'], message: expect.stringContaining('IANA time zone') }]);
  });
});

describe('nextDigestAt', () => {
  it('is later the same day when the hour has not come yet', () => {
    // 2026-03-06 is a Friday.
    expect(nextDigestAt(settings({}), at('2026-03-06T15:59:59Z'))).toEqual(at('2026-03-06T16:00:00Z'));
  });

  it('is a week later once the due instant itself has come', () => {
    expect(nextDigestAt(settings({}), at('2026-03-06T16:00:00Z'))).toEqual(at('2026-03-13T16:00:00Z'));
  });

  it('counts the weekday and hour on the wall clock of the time zone', () => {
    const monday9Tokyo = settings({ weekday: 'monday', hour: 9, timeZone: 'Asia/Tokyo' });
    // Sunday 23:30 UTC is already Monday 08:30 in Tokyo: due in half an hour.
    expect(nextDigestAt(monday9Tokyo, at('2026-03-08T23:30:00Z'))).toEqual(at('2026-03-09T00:00:00Z'));
    const friday17LA = settings({ hour: 17, timeZone: 'America/Los_Angeles' });
    // Saturday 00:30 UTC is Friday 16:30 (PST, UTC-8) in Los Angeles.
    expect(nextDigestAt(friday17LA, at('2026-02-07T00:30:00Z'))).toEqual(at('2026-02-07T01:00:00Z'));
  });

  it('keeps the local hour across daylight-saving changes', () => {
    const berlin = settings({ weekday: 'sunday', hour: 16, timeZone: 'Europe/Berlin' });
    // Europe switches to summer time on Sunday 2026-03-29 at 01:00 UTC.
    expect(nextDigestAt(berlin, at('2026-03-22T16:00:00Z'))).toEqual(at('2026-03-29T14:00:00Z'));
    expect(nextDigestAt(berlin, at('2026-03-29T14:00:00Z'))).toEqual(at('2026-04-05T14:00:00Z'));
    // ... and back to winter time on Sunday 2026-10-25 at 01:00 UTC.
    expect(nextDigestAt(berlin, at('2026-10-19T00:00:00Z'))).toEqual(at('2026-10-25T15:00:00Z'));
  });

  it('takes a skipped hour as the instant the clocks jump to, and a repeated hour at its first occurrence', () => {
    // New York: 2026-03-08 02:00 EST does not exist (clocks go to 03:00 EDT = 07:00 UTC).
    const skipped = settings({ weekday: 'sunday', hour: 2, timeZone: 'America/New_York' });
    expect(nextDigestAt(skipped, at('2026-03-07T00:00:00Z'))).toEqual(at('2026-03-08T07:00:00Z'));
    // 2026-11-01 01:00 happens twice in New York: first at 05:00 UTC (EDT), again at 06:00 UTC (EST).
    const repeated = settings({ weekday: 'sunday', hour: 1, timeZone: 'America/New_York' });
    expect(nextDigestAt(repeated, at('2026-10-31T00:00:00Z'))).toEqual(at('2026-11-01T05:00:00Z'));
  });

  it('handles zones with half-hour offsets and zones east of the date line', () => {
    expect(nextDigestAt(settings({ hour: 9, timeZone: 'Asia/Kolkata' }), at('2026-03-06T00:00:00Z'))).toEqual(
      at('2026-03-06T03:30:00Z'),
    );
    // Kiritimati is UTC+14: Friday 08:00 there is Thursday 18:00 UTC.
    expect(nextDigestAt(settings({ hour: 8, timeZone: 'Pacific/Kiritimati' }), at('2026-03-05T12:00:00Z'))).toEqual(
      at('2026-03-05T18:00:00Z'),
    );
  });
});

describe('previousDigestAt', () => {
  it('is the due instant at or before now, and brackets now with nextDigestAt', () => {
    const berlin = settings({ weekday: 'monday', hour: 8, timeZone: 'Europe/Berlin' });
    expect(previousDigestAt(berlin, at('2026-03-30T06:00:00Z'))).toEqual(at('2026-03-30T06:00:00Z'));
    expect(previousDigestAt(berlin, at('2026-03-30T05:59:59Z'))).toEqual(at('2026-03-23T07:00:00Z'));
    for (let hour = 0; hour < 24 * 9; hour += 5) {
      const now = new Date(Date.UTC(2026, 9, 20) + hour * 3600_000);
      const previous = previousDigestAt(berlin, now);
      const next = nextDigestAt(berlin, now);
      expect(previous.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(next.getTime()).toBeGreaterThan(now.getTime());
      expect(nextDigestAt(berlin, previous)).toEqual(next);
    }
  });
});

describe('digestPeriodKey', () => {
  it('names the period by the local date it is due', () => {
    const tokyo = settings({ weekday: 'monday', hour: 1, timeZone: 'Asia/Tokyo' });
    const due = nextDigestAt(tokyo, at('2026-03-06T00:00:00Z'));
    expect(due).toEqual(at('2026-03-08T16:00:00Z'));
    expect(digestPeriodKey(tokyo, due)).toBe('2026-03-09');
  });
});
