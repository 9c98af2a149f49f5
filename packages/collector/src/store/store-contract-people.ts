/**
 * The cases of the Store contract about a person (store-contract.ts runs them on every adapter): the
 * displays they were shown, when they last saw each survey, and erasing them on request.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from './store.ts';
import { at, makeAlert, makeDisplay, makeResponse } from './store-fixtures.ts';

export function personCases(store: () => Store): void {
  describe('displays', () => {
    it('records a display once per id', async () => {
      expect(await store().displays.record(makeDisplay(1))).toBe(true);
      expect(await store().displays.record(makeDisplay(1, { event: 'dismissed' }))).toBe(false);
      const [day] = await store().reports.displayDays({ from: '2026-01-05', to: '2026-01-06' });
      expect(day).toEqual({ day: '2026-01-05', projectKey: 'pk_demo', surveyId: 'app-nps', shown: 1, dismissed: 0, snoozed: 0 });
    });

    it('tells when each survey of a project was last shown to a person, by user id and anonymous id', async () => {
      await store().displays.record(makeDisplay(1, { userId: 'u1', surveyId: 'app-nps', at: at(10) }));
      await store().displays.record(makeDisplay(2, { userId: 'u1', surveyId: 'app-nps', at: at(30) }));
      await store().displays.record(makeDisplay(3, { userId: 'u1', surveyId: 'other', at: at(20) }));
      await store().displays.record(makeDisplay(4, { userId: 'u1', surveyId: 'app-nps', event: 'dismissed', at: at(40) }));
      await store().displays.record(makeDisplay(5, { userId: 'u1', projectKey: 'pk_other', surveyId: 'app-nps', at: at(50) }));
      await store().displays.record(makeDisplay(6, { userId: undefined, anonymousId: 'anon-1', surveyId: 'third', at: at(45) }));
      await store().displays.record(makeDisplay(7, { userId: 'u2', surveyId: 'app-nps', at: at(60) }));

      expect(await store().displays.seenBy('pk_demo', { userId: 'u1' })).toEqual({
        lastShownAt: { 'app-nps': at(30), other: at(20) },
        lastAnyShownAt: at(30),
      });
      expect(await store().displays.seenBy('pk_demo', { userId: 'u1', anonymousId: 'anon-1' })).toEqual({
        lastShownAt: { 'app-nps': at(30), other: at(20), third: at(45) },
        lastAnyShownAt: at(45),
      });
      expect(await store().displays.seenBy('pk_demo', { userId: 'nobody' })).toEqual({ lastShownAt: {}, lastAnyShownAt: null });
      expect(await store().displays.seenBy('pk_demo', {})).toEqual({ lastShownAt: {}, lastAnyShownAt: null });
    });

    it('takes the latest time of a survey shown both to the user and, without their id, to their device', async () => {
      await store().displays.record(makeDisplay(1, { userId: 'u3', surveyId: 'app-nps', at: at(70) }));
      await store().displays.record(makeDisplay(2, { userId: undefined, anonymousId: 'anon-3', surveyId: 'app-nps', at: at(80) }));
      await store().displays.record(makeDisplay(3, { userId: undefined, anonymousId: 'anon-3', surveyId: 'other', at: at(65) }));
      await store().displays.record(makeDisplay(4, { userId: 'u3', surveyId: 'other', at: at(90) }));
      expect(await store().displays.seenBy('pk_demo', { userId: 'u3', anonymousId: 'anon-3' })).toEqual({
        lastShownAt: { 'app-nps': at(80), other: at(90) },
        lastAnyShownAt: at(90),
      });
    });

    it('counts displays per day and survey by event', async () => {
      await store().displays.record(makeDisplay(1, { at: at(0) }));
      await store().displays.record(makeDisplay(2, { at: at(1), event: 'dismissed' }));
      await store().displays.record(makeDisplay(3, { at: at(2), event: 'snoozed' }));
      await store().displays.record(makeDisplay(4, { at: new Date('2026-01-06T01:00:00Z') }));
      await store().displays.record(makeDisplay(5, { at: at(3), surveyId: 'other' }));
      expect(await store().reports.displayDays({ from: '2026-01-05', to: '2026-01-07', surveyId: 'app-nps' })).toEqual([
        { day: '2026-01-05', projectKey: 'pk_demo', surveyId: 'app-nps', shown: 1, dismissed: 1, snoozed: 1 },
        { day: '2026-01-06', projectKey: 'pk_demo', surveyId: 'app-nps', shown: 1, dismissed: 0, snoozed: 0 },
      ]);
      expect(await store().reports.displayDays({ from: '2026-01-06', to: '2026-01-07' })).toHaveLength(1);
    });
  });


  describe('erasure', () => {
    it("erases a person's answers, displays and undelivered alerts, and keeps the counts", async () => {
      await store().responses.record(makeResponse(1, { respondent: { userId: 'gone' } }), [makeAlert(1)]);
      await store().responses.record(makeResponse(2, { respondent: { userId: 'gone' } }), [makeAlert(2, { status: 'delivered' })]);
      await store().responses.record(makeResponse(3, { respondent: { userId: 'stays' } }), [makeAlert(3)]);
      await store().displays.record(makeDisplay(1, { userId: 'gone' }));
      await store().displays.record(makeDisplay(2, { userId: 'stays' }));

      expect(await store().eraseRespondent('gone')).toEqual({ responses: 2, displays: 1, alerts: 1 });
      expect((await store().responses.page({}, 10)).map((r) => r._id)).toEqual(['resp-3']);
      expect(await store().displays.seenBy('pk_demo', { userId: 'gone' })).toEqual({ lastShownAt: {}, lastAnyShownAt: null });
      expect((await store().alerts.page({}, 10)).map((a) => a._id).sort()).toEqual(['alert-2', 'alert-3']);
      const [day] = await store().reports.days({ from: '2026-01-01', to: '2026-02-01' });
      expect(day?.responses).toBe(3);
      expect(await store().eraseRespondent('gone')).toEqual({ responses: 0, displays: 0, alerts: 0 });
    });

    it("keeps what a device's anonymous id was shown without the erased user, and forgets the rest", async () => {
      await store().displays.record(makeDisplay(1, { userId: 'gone', anonymousId: 'device', surveyId: 'app-nps', at: at(10) }));
      await store().displays.record(makeDisplay(2, { userId: undefined, anonymousId: 'device', surveyId: 'other', at: at(5) }));
      await store().displays.record(makeDisplay(3, { userId: undefined, anonymousId: 'device', surveyId: 'app-nps', at: at(3) }));
      await store().displays.record(makeDisplay(4, { userId: 'gone', surveyId: 'third', at: at(20) }));

      expect(await store().eraseRespondent('gone')).toEqual({ responses: 0, displays: 2, alerts: 0 });
      expect(await store().displays.seenBy('pk_demo', { anonymousId: 'device' })).toEqual({
        lastShownAt: { 'app-nps': at(3), other: at(5) },
        lastAnyShownAt: at(5),
      });
      expect(await store().displays.seenBy('pk_demo', { userId: 'gone', anonymousId: 'device' })).toEqual({
        lastShownAt: { 'app-nps': at(3), other: at(5) },
        lastAnyShownAt: at(5),
      });
    });
  });
}
