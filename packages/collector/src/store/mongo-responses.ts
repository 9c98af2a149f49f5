/**
 * Responses on MongoDB, as survey items. `record` writes an answer with its alerts and counts in one
 * transaction where the deployment has them, else by the claim protocol (`mongo-effects.ts`), in batches
 * (`mongo-record-batch.ts`). Lists are
 * keyset pages on the `(source, ..., receivedAt, _id)` indexes; `tally` sums a projection of the matching
 * answers in TypeScript (FerretDB 1.24 gets `$group` with several accumulators wrong and lacks `$cond`).
 */
import { countInTransaction } from './mongo-counters.ts';
import { AlertSchema, StoredResponseSchema } from '@heed/shared';
import { claimTime, inTransaction, isDuplicateKey, native, storable, type MongoContext } from './mongo-context.ts';
import { pendingUntil, resumeExpired, resumeRecord } from './mongo-effects.ts';
import { createRecordBatcher } from './mongo-record-batch.ts';
import { fromItem, NEWEST_FIRST, responseQuery, SURVEY_SOURCE, toItem, WITHOUT_STORAGE_FIELDS } from './mongo-items.ts';
import { alertsNotIn, SURVEY_ITEMS, updateTriage } from './mongo-triage.ts';
import type { AlertDoc, Position, ResponseDoc, ResponseFilter, ResponseRepository, ResponseTally } from './store.ts';
import { keysetStream, STREAM_BATCH } from './keyset-stream.ts';

const STRICT_RESPONSE = StoredResponseSchema.strict();
const STRICT_ALERT = AlertSchema.strict();

export function mongoResponses(context: MongoContext): ResponseRepository {
  const { models } = context;
  const items = native(models.items);


  /** The answer already stored for this submission; its effects completed if they were left half done. */
  async function duplicateOf(response: ResponseDoc): Promise<{ id: string; duplicate: true } | null> {
    const first = await items.findOne({ source: SURVEY_SOURCE, sourceId: response.submissionId }, { projection: { _id: 1 } });
    if (!first) return null;
    const id = String(first._id);
    const pending = await pendingUntil(context, id);
    if (pending && pending.getTime() <= claimTime(response.receivedAt)) await resumeRecord(context, id, response.receivedAt);
    return { id, duplicate: true };
  }

  const batcher = createRecordBatcher(context, duplicateOf);

  async function recordInTransaction(response: ResponseDoc, alerts: AlertDoc[]): Promise<{ id: string; duplicate: boolean }> {
    const item = storable(models.items, toItem(response), { value: response, schema: STRICT_RESPONSE });
    const unique = alertsNotIn([], alerts).map((alert) => storable(models.alerts, alert, { value: alert, schema: STRICT_ALERT }));
    try {
      await inTransaction(context, async (session) => {
        await items.insertOne(item, { session });
        if (unique.length > 0) await native(models.alerts).insertMany(unique, { session });
        await countInTransaction(context, response, session);
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const first = await duplicateOf(response);
      if (!first) throw error;
      return first;
    }
    return { id: response._id, duplicate: false };
  }

  async function page(filter: ResponseFilter, limit: number, after?: Position): Promise<ResponseDoc[]> {
    const found = await items.find(responseQuery(filter, after), { projection: WITHOUT_STORAGE_FIELDS, sort: NEWEST_FIRST, limit }).toArray();
    return found.map(fromItem);
  }

  return {
    record: (response, alerts) => (context.transactions ? recordInTransaction(response, alerts) : batcher.record(response, alerts)),
    async get(id) {
      const item = await items.findOne({ _id: id as never, source: SURVEY_SOURCE }, { projection: WITHOUT_STORAGE_FIELDS });
      return item ? fromItem(item) : null;
    },
    page,
    stream: (filter) => keysetStream((after) => page(filter, STREAM_BATCH, after), (last) => ({ at: last.receivedAt, id: last._id })),
    count: (filter) => items.countDocuments(responseQuery(filter)),
    async tally(filter) {
      const tally: ResponseTally = { responses: 0, comments: 0, promoters: 0, passives: 0, detractors: 0, reasons: { cancel: {}, uninstall: {} } };
      const projection = { _id: 0, kind: 1, hasComment: 1, category: 1, 'answers.reason': 1, 'answers.reasons': 1 };
      for await (const answer of items.find(responseQuery(filter), { projection, batchSize: STREAM_BATCH })) {
        tally.responses += 1;
        if (answer.hasComment) tally.comments += 1;
        if (answer.category) tally[`${answer.category as 'promoter' | 'passive' | 'detractor'}s`] += 1;
        if (answer.kind !== 'cancel' && answer.kind !== 'uninstall') continue;
        const given: string[] = answer.answers?.reasons ?? [];
        const reasons = tally.reasons[answer.kind as 'cancel' | 'uninstall'];
        for (const id of new Set(answer.answers?.reason ? [answer.answers.reason as string, ...given] : given)) reasons[id] = (reasons[id] ?? 0) + 1;
      }
      return tally;
    },
    updateTriage: (id, update) => updateTriage(context, SURVEY_ITEMS, id, update),
    // Where `record` is a transaction nothing is ever pending, and this finds nothing on the index.
    resumeInterrupted: (now) => resumeExpired(context, now),
  };
}
