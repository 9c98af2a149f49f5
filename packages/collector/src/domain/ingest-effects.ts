/**
 * The side effects of stored responses (steps 2-5 of the crash-safety scheme in ingest.ts): their alerts
 * and their rollup counts, written for many responses at once, and a queue that writes them after ingest
 * has acknowledged the responses.
 */
import { randomUUID } from 'node:crypto';
import type { HeedConfig } from '@heed/shared';
import type { Clock } from '../clock.ts';
import type { AlertDoc, ResponseDoc, Store } from '../store/store.ts';
import { ownerAlerts, type ChannelSettings } from './enqueue-alerts.ts';

export interface IngestEffectsDeps {
  store: Store;
  config: HeedConfig;
  clock: Clock;
  newId?: () => string;
  /** Channels that can deliver; email only with an SMTP transport. Default: no email. */
  channels?: ChannelSettings;
}

/**
 * Completes the effects of responses this process has claimed. Running it again after it was interrupted
 * completes what is missing and repeats nothing. Each write covers the whole batch: one insert of all
 * alerts, one `$inc` per rollup, one update clearing the claims, one `$pullAll` per rollup.
 */
export async function completeIngestEffects(deps: IngestEffectsDeps, responses: ResponseDoc[]): Promise<void> {
  if (responses.length === 0) return;
  const { store } = deps;
  const [, counted] = await Promise.all([enqueueAlertsOf(deps, responses), countInRollups(store, responses)]);
  const ids = responses.map((response) => response._id);
  await store.collection('responses').updateMany({ _id: { $in: ids } }, { $unset: { effectsPending: '' } });
  const rollups = store.collection('rollups');
  await Promise.all([...counted].map(([_id, applied]) => rollups.updateOne({ _id }, { $pullAll: { applying: applied } })));
}

/** Step 2: the routed responses' alerts, in one insert; the unique index keeps alerts already there. */
async function enqueueAlertsOf(deps: IngestEffectsDeps, responses: ResponseDoc[]): Promise<void> {
  const { config, clock, newId = randomUUID, channels = { email: false } } = deps;
  const now = clock();
  const alerts: AlertDoc[] = [];
  for (const response of responses) {
    const owner = response.routing.status === 'routed' ? config.owners.find((o) => o.id === response.routing.owner) : undefined;
    if (owner) alerts.push(...ownerAlerts(response._id, owner, channels, now, newId));
  }
  if (alerts.length > 0) await deps.store.collection('alerts').insertMany(alerts);
}

/**
 * Step 3: adds each response to its day x survey x plan counters, exactly once; returns the ids of the
 * responses listed in `applying`, by rollup id. One `$inc` per rollup counts its responses together, on
 * condition that none of them is listed yet; if one is (an interrupted earlier attempt counted it), they
 * are counted one at a time.
 */
async function countInRollups(store: Store, responses: ResponseDoc[]): Promise<Map<string, string[]>> {
  const byRollup = new Map<string, ResponseDoc[]>();
  for (const response of responses) {
    const _id = `${response.day}|${response.surveyId}|${response.plan ?? 'unknown'}`;
    const group = byRollup.get(_id);
    if (group) group.push(response);
    else byRollup.set(_id, [response]);
  }
  const rollups = store.collection('rollups');
  const applying = new Map<string, string[]>();
  await Promise.all(
    [...byRollup].map(async ([_id, group]) => {
      await ensureRollup(store, _id, group[0] as ResponseDoc);
      const ids = group.map((response) => response._id);
      applying.set(_id, ids);
      const counted = await rollups.updateOne({ _id, applying: { $nin: ids } }, { $inc: increments(group), $push: { applying: { $each: ids } } });
      if (counted.matched > 0 || group.length === 1) return;
      for (const response of group) {
        await rollups.updateOne({ _id, applying: { $ne: response._id } }, { $inc: increments([response]), $push: { applying: response._id } });
      }
    }),
  );
  return applying;
}

/** Creates the rollup with zero counts unless it exists (a no-op write then). */
async function ensureRollup(store: Store, _id: string, response: ResponseDoc): Promise<void> {
  await store.collection('rollups').updateOne(
    { _id },
    {
      $setOnInsert: {
        day: response.day,
        projectKey: response.projectKey,
        surveyId: response.surveyId,
        kind: response.kind,
        productArea: response.productArea,
        plan: response.plan ?? 'unknown',
        responses: 0,
        comments: 0,
        promoters: 0,
        passives: 0,
        detractors: 0,
        reasons: {},
        applying: [],
      },
    },
    { upsert: true },
  );
}

/** The counter increments the responses add up to. */
function increments(responses: ResponseDoc[]): Record<string, number> {
  const inc: Record<string, number> = {};
  const add = (field: string) => {
    inc[field] = (inc[field] ?? 0) + 1;
  };
  for (const response of responses) {
    add('responses');
    if (response.hasComment) add('comments');
    if (response.category) add(`${response.category}s`);
    const { reason, reasons = [] } = response.answers;
    for (const id of reason ? [reason] : reasons) add(`reasons.${id}`);
  }
  return inc;
}

/** Effects written after the acknowledgement, batched. */
export interface IngestEffects {
  /** Queues the effects of a stored response whose claim this process holds. */
  schedule(response: ResponseDoc): void;
  /** Writes what is queued now, and resolves once every effect scheduled so far is written (or has failed). */
  drain(): Promise<void>;
}

export interface IngestEffectsOptions {
  /** Told about a batch that failed; its responses keep their claims. */
  onError: (error: unknown) => void;
  /**
   * How long the first queued response waits for others to join its batch. Each batch costs a few durable
   * writes whatever its size, so under load a longer wait means fewer writes. Default 50 ms.
   */
  lingerMs?: number;
}

/**
 * A queue that completes effects off the request path, in batches: the first response queued waits up to
 * `lingerMs` for others, and responses queued while a batch is being written make up the next one. A failed
 * batch goes to `onError`; its responses keep their claims, which expire and are resumed
 * (`resumeIngestEffects`), as after a crash.
 */
export function createIngestEffects(deps: IngestEffectsDeps, options: IngestEffectsOptions): IngestEffects {
  const { onError, lingerMs = 50 } = options;
  let queued: ResponseDoc[] = [];
  let writing: Promise<void> | undefined;
  /** Ends the current wait early; set while one runs. */
  let endWait: (() => void) | undefined;
  let draining = 0;

  function wait(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => endWait?.(), draining > 0 ? 0 : lingerMs);
      endWait = () => {
        clearTimeout(timer);
        endWait = undefined;
        resolve();
      };
    });
  }

  async function writeQueued(): Promise<void> {
    while (queued.length > 0) {
      await wait();
      const batch = queued;
      queued = [];
      await completeIngestEffects(deps, batch).catch(onError);
    }
    writing = undefined;
  }

  return {
    schedule(response) {
      queued.push(response);
      writing ??= writeQueued();
    },
    async drain() {
      draining += 1;
      try {
        endWait?.();
        while (writing) await writing;
      } finally {
        draining -= 1;
      }
    },
  };
}
