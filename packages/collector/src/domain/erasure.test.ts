import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Submission } from '@heed/shared';
import type { Store } from '../store/store.ts';
import { eraseRespondent } from './erasure.ts';
import { ingestSubmission, recordDisplay, type IngestDeps } from './ingest.ts';
import { testEngines } from './test-engines.ts';
import { testConfig, useTestStore } from './test-support.ts';

let store: Store;
let deps: IngestDeps;


const config = testConfig({
    owners: [
      { id: 'pm-editor', name: 'Editor PM', slackWebhookUrl: 'https://hooks.slack.example/e' },
      { id: 'pm-growth', name: 'Growth PM' },
    ],
  });

const submit = (userId: string, fields: Partial<Submission> = {}) =>
  ingestSubmission(deps, {
    submissionId: randomUUID(),
    projectKey: 'pk_test',
    surveyId: 'app-nps',
    answers: { score: 1, comment: 'bad' },
    respondent: { userId },
    context: {},
    ...fields,
  });
const show = (userId: string) =>
  recordDisplay(deps, { displayId: randomUUID(), projectKey: 'pk_test', surveyId: 'app-nps', event: 'shown', respondent: { userId } });

describe.each(testEngines())('on the $name store', (engine) => {
  useTestStore(
    () => engine.open(),
    (opened) => {
      store = opened;
      deps = { store, config, clock: () => new Date('2026-03-04T10:00:00Z') };
    },
  );

  it("erases a person's responses, displays and undelivered alerts, and nobody else's", async () => {
    const delivered = await submit('u_gone');
    await submit('u_gone');
    await submit('u_gone', { answers: { score: 10 } });
    const kept = await submit('u_kept');
    await show('u_gone');
    await show('u_gone');
    await show('u_kept');
    const at = new Date('2026-03-04T10:00:00Z');
    const lease = new Date(at.getTime() + 60_000);
    for (let alert = await store.alerts.claimNextDue('w', at, lease); alert; alert = await store.alerts.claimNextDue('w', at, lease)) {
      if (alert.responseId === delivered.id) await store.alerts.recordAttempt(alert._id, 'w', lease, { status: 'delivered', at });
    }
    const range = { from: '2026-01-01', to: '2027-01-01' };
    const countsBefore = await store.reports.days(range);

    expect(await eraseRespondent(deps, 'u_gone')).toEqual({ responses: 3, displays: 2, alerts: 1 });

    expect((await store.responses.page({}, 10)).map((r) => r._id)).toEqual([kept.id]);
    expect((await store.displays.seenBy('pk_test', { userId: 'u_gone' })).lastAnyShownAt).toBeNull();
    expect((await store.displays.seenBy('pk_test', { userId: 'u_kept' })).lastAnyShownAt).not.toBeNull();
    expect((await store.alerts.page({}, 10)).map((a) => [a.responseId, a.status]).sort()).toEqual(
      [
        [delivered.id, 'delivered'],
        [kept.id, 'pending'],
      ].sort(),
    );
    // Counts are anonymous and stay.
    expect(await store.reports.days(range)).toEqual(countsBefore);

    expect(await eraseRespondent(deps, 'u_gone')).toEqual({ responses: 0, displays: 0, alerts: 0 });
  });
});
