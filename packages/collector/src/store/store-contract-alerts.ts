/**
 * The alert cases of the Store contract (store-contract.ts runs them on every adapter): enqueued once per
 * (response, owner, channel); the due alert leased to one holder at a time; an outcome recorded only under
 * the current lease, every attempt kept; a lease given back by its holder only; failed alerts listed and
 * requeued; pages newest first with filters.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from './store.ts';
import { at, makeAlert } from './store-fixtures.ts';
import type { StoreCapability } from './store-contract.ts';

type Check = (title: string, capabilities: readonly StoreCapability[], body: () => Promise<void>) => void;


export function alertCases(store: () => Store, check: Check): void {
  describe('alerts', () => {
    it('enqueues an alert once per (response, owner, channel)', async () => {
      expect(await store().alerts.enqueue([makeAlert(1), makeAlert(2, { responseId: 'resp-1' })])).toBe(1);
      expect(await store().alerts.enqueue([makeAlert(3, { responseId: 'resp-1', channel: 'email' })])).toBe(1);
      expect(await store().alerts.enqueue([])).toBe(0);
      expect((await store().alerts.page({}, 10)).map((a) => a._id).sort()).toEqual(['alert-1', 'alert-3']);
    });

    it('leases the alert due soonest to one holder, and not one leased, future or settled', async () => {
      await store().alerts.enqueue([
        makeAlert(1, { nextAttemptAt: at(20) }),
        makeAlert(2, { nextAttemptAt: at(10) }),
        makeAlert(3, { nextAttemptAt: at(500) }),
        makeAlert(4, { nextAttemptAt: at(5), status: 'delivered' }),
      ]);
      const now = at(100);
      const first = await store().alerts.claimNextDue('w1', now, at(130));
      expect(first).toMatchObject({ _id: 'alert-2', leaseOwner: 'w1', leaseUntil: at(130) });
      expect((await store().alerts.claimNextDue('w2', now, at(130)))?._id).toBe('alert-1');
      expect(await store().alerts.claimNextDue('w2', now, at(130))).toBeNull();
      // Once the lease has expired, another holder may take it.
      expect((await store().alerts.claimNextDue('w2', at(130), at(160)))?._id).toBe('alert-2');
    });

    check('hands each due alert to one of many concurrent claimants', ['isolated concurrent updates of one document'], async () => {
      await store().alerts.enqueue(Array.from({ length: 5 }, (_, n) => makeAlert(n, { nextAttemptAt: at(n) })));
      const claims = await Promise.all(Array.from({ length: 12 }, (_, n) => store().alerts.claimNextDue(`w${n}`, at(100), at(200))));
      const ids = claims.flatMap((alert) => (alert ? [alert._id] : []));
      expect(ids.sort()).toEqual(['alert-0', 'alert-1', 'alert-2', 'alert-3', 'alert-4']);
    });

    it('records an outcome only for the current lease holder, and keeps every attempt', async () => {
      await store().alerts.enqueue([makeAlert(1, { nextAttemptAt: at(0) })]);
      const lease1 = at(30);
      await store().alerts.claimNextDue('w1', at(0), lease1);
      expect(await store().alerts.recordAttempt('alert-1', 'w1', lease1, { status: 'retry', at: at(1), error: 'HTTP 503', nextAttemptAt: at(40) })).toBe(true);
      expect(await store().alerts.get('alert-1')).toEqual(makeAlert(1, { nextAttemptAt: at(40), attempts: 1, lastError: 'HTTP 503' }));

      const lease2 = at(70);
      await store().alerts.claimNextDue('w1', at(40), lease2);
      // w1's lease expires; w2 takes the alert and delivers it.
      const lease3 = at(100);
      expect((await store().alerts.claimNextDue('w2', at(70), lease3))?._id).toBe('alert-1');
      expect(await store().alerts.recordAttempt('alert-1', 'w2', lease3, { status: 'delivered', at: at(71) })).toBe(true);
      // The stale holder's late failure changes nothing.
      expect(await store().alerts.recordAttempt('alert-1', 'w1', lease2, { status: 'failed', at: at(72), error: 'HTTP 400' })).toBe(false);
      expect(await store().alerts.get('alert-1')).toEqual(makeAlert(1, { status: 'delivered', nextAttemptAt: at(40), attempts: 2, deliveredAt: at(71) }));
      expect(await store().alerts.attempts('alert-1')).toEqual([
        { at: at(1), status: 'retry', error: 'HTTP 503' },
        { at: at(71), status: 'delivered' },
      ]);
      // Settled: never claimed again.
      expect(await store().alerts.claimNextDue('w3', at(1000), at(1030))).toBeNull();
    });

    it('takes a lease back unused from its holder only, leaving the alert due for any worker', async () => {
      await store().alerts.enqueue([makeAlert(1, { nextAttemptAt: at(0) })]);
      const lease = at(30);
      await store().alerts.claimNextDue('w1', at(1), lease);
      expect(await store().alerts.releaseLease('alert-1', 'w2', lease)).toBe(false);
      expect(await store().alerts.claimNextDue('w2', at(2), at(32))).toBeNull();
      expect(await store().alerts.releaseLease('alert-1', 'w1', lease)).toBe(true);
      expect(await store().alerts.get('alert-1')).toEqual(makeAlert(1, { nextAttemptAt: at(0) }));
      expect((await store().alerts.claimNextDue('w2', at(2), at(32)))?._id).toBe('alert-1');
      // A holder whose lease passed to another cannot give it back.
      expect(await store().alerts.releaseLease('alert-1', 'w1', lease)).toBe(false);
      expect(await store().alerts.get('alert-1')).toMatchObject({ leaseOwner: 'w2', leaseUntil: at(32) });
    });

    it('fails an alert, lists it for its owner, and requeues it on demand', async () => {
      await store().alerts.enqueue([makeAlert(1), makeAlert(2, { responseId: 'resp-2', ownerId: 'pm-billing', status: 'delivered' })]);
      const lease = at(30);
      expect((await store().alerts.claimNextDue('w1', at(1), lease))?._id).toBe('alert-1');
      expect(await store().alerts.recordAttempt('alert-1', 'w1', lease, { status: 'failed', at: at(5), error: 'HTTP 410' })).toBe(true);
      expect(await store().alerts.get('alert-1')).toMatchObject({ status: 'failed', attempts: 1, lastError: 'HTTP 410', failedAt: at(5) });
      expect((await store().alerts.failedBetween('pm-editor', at(0), at(10), 10)).map((a) => a._id)).toEqual(['alert-1']);
      expect(await store().alerts.failedBetween('pm-editor', at(6), at(10), 10)).toEqual([]);
      expect(await store().alerts.failedBetween('pm-billing', at(0), at(10), 10)).toEqual([]);
      expect((await store().alerts.page({ status: 'failed' }, 10)).map((a) => a._id)).toEqual(['alert-1']);

      expect(await store().alerts.requeueFailed('alert-2', at(50))).toBeNull();
      const requeued = await store().alerts.requeueFailed('alert-1', at(50));
      expect(requeued).toEqual(makeAlert(1, { nextAttemptAt: at(50) }));
      expect(await store().alerts.requeueFailed('alert-1', at(50))).toBeNull();
      expect((await store().alerts.claimNextDue('w1', at(50), at(80)))?._id).toBe('alert-1');
    });

    it('pages alerts newest first with filters', async () => {
      await store().alerts.enqueue([
        makeAlert(1),
        makeAlert(2, { channel: 'webhook', ownerId: 'pm-billing' }),
        makeAlert(3, { status: 'failed' }),
        makeAlert(4, { createdAt: at(3) }),
      ]);
      const ids = async (...args: Parameters<Store['alerts']['page']>) => (await store().alerts.page(...args)).map((a) => a._id);
      expect(await ids({}, 10)).toEqual(['alert-4', 'alert-3', 'alert-2', 'alert-1']);
      expect(await ids({}, 2, { at: at(3), id: 'alert-4' })).toEqual(['alert-3', 'alert-2']);
      expect(await ids({ ownerId: 'pm-billing' }, 10)).toEqual(['alert-2']);
      expect(await ids({ channel: 'slack', status: 'pending' }, 10)).toEqual(['alert-4', 'alert-1']);
      expect(await ids({ responseId: 'resp-3' }, 10)).toEqual(['alert-3']);
    });
  });
}
