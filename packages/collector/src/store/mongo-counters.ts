/**
 * Report counters as `$inc` upserts: one document per day x survey x plan for answers (`report_days`), one per
 * day x survey for displays (`display_days`). Without a transaction an answer is counted under a guard: the
 * counter lists the answer in `applying` as it adds it, and skips an answer already listed, so completing
 * an interrupted write again never counts it twice (the writer then `$pullAll`s it, once its claim is cleared).
 */
import type { mongo } from 'mongoose';
import { isDuplicateKey, native, type MongoContext } from './mongo-context.ts';
import type { DisplayDoc, ResponseDoc } from './store.ts';

const COUNTS = ['responses', 'comments', 'promoters', 'passives', 'detractors'] as const;

export function reportDayId(response: ResponseDoc): string {
  return `${response.day}|${response.surveyId}|${response.plan ?? 'unknown'}`;
}

/** What answers add to their counter. */
function increments(responses: ResponseDoc[]): Record<string, number> {
  const inc: Record<string, number> = {};
  const add = (field: string) => {
    inc[field] = (inc[field] ?? 0) + 1;
  };
  for (const response of responses) {
    add('responses');
    if (response.hasComment) add('comments');
    if (response.category) add(`${response.category}s`);
    const { score, reason, reasons = [] } = response.answers;
    if (score !== undefined) add(`scores.${score}`);
    for (const id of new Set(reason ? [reason, ...reasons] : reasons)) add(`reasons.${id}`);
  }
  return inc;
}

/** The fields a new counter starts with, beside those `inc` creates. */
function initial(response: ResponseDoc, inc: Record<string, number>): mongo.Document {
  const fields: mongo.Document = {
    day: response.day,
    projectKey: response.projectKey,
    surveyId: response.surveyId,
    kind: response.kind,
    productArea: response.productArea,
    plan: response.plan ?? 'unknown',
  };
  for (const name of COUNTS) if (!(name in inc)) fields[name] = 0;
  const keys = Object.keys(inc);
  if (!keys.some((key) => key.startsWith('scores.'))) fields.scores = {};
  if (!keys.some((key) => key.startsWith('reasons.'))) fields.reasons = {};
  return fields;
}

/** Adds the answer to its counter inside a transaction. */
export async function countInTransaction(context: MongoContext, response: ResponseDoc, session: mongo.ClientSession): Promise<void> {
  const inc = increments([response]);
  await native(context.models.reportDays).updateOne({ _id: reportDayId(response) as never }, { $inc: inc, $setOnInsert: initial(response, inc) }, { upsert: true, session });
}

/**
 * Adds each answer to its counter unless it was added before (listed in `applying`): one `$inc` per counter
 * for all its answers when none of them is listed yet, else one answer at a time. Answers the ids listed,
 * by counter.
 */
export async function countAll(context: MongoContext, responses: ResponseDoc[]): Promise<Map<string, string[]>> {
  const byCounter = new Map<string, ResponseDoc[]>();
  for (const response of responses) {
    const id = reportDayId(response);
    byCounter.set(id, [...(byCounter.get(id) ?? []), response]);
  }
  await Promise.all(
    [...byCounter.values()].map(async (group) => {
      if (group.length > 1 && (await countOnce(context, group))) return;
      for (const response of group) await countOnce(context, [response]);
    }),
  );
  return new Map([...byCounter].map(([id, group]) => [id, group.map((response) => response._id)]));
}

/** Adds the answers (of one counter) unless any of them is listed already; `false` when nothing was added. */
async function countOnce(context: MongoContext, group: ResponseDoc[]): Promise<boolean> {
  const counters = native(context.models.reportDays);
  const first = group[0] as ResponseDoc;
  const ids = group.map((response) => response._id);
  const inc = increments(group);
  const unlisted = { _id: reportDayId(first) as never, applying: { $nin: ids } };
  const update: mongo.Document = { $inc: inc, $push: { applying: { $each: ids } } };
  try {
    await counters.updateOne(unlisted, { ...update, $setOnInsert: initial(first, inc) }, { upsert: true });
    return true;
  } catch (error) {
    // The counter exists: either it lists one of the answers already, or a concurrent upsert created it.
    if (!isDuplicateKey(error)) throw error;
    return (await counters.updateOne(unlisted, update)).matchedCount > 0;
  }
}

/** Drops answers from their counter's `applying` list, once their claims are cleared. */
export async function unlist(context: MongoContext, counterId: string, responseIds: string[]): Promise<void> {
  await native(context.models.reportDays).updateOne({ _id: counterId as never }, { $pullAll: { applying: responseIds } } as mongo.Document);
}

export function displayDayId(display: DisplayDoc): string {
  return `${display.at.toISOString().slice(0, 10)}|${display.surveyId}`;
}

/** Adds a display to its day counter. */
export async function countDisplay(context: MongoContext, display: DisplayDoc, session?: mongo.ClientSession): Promise<void> {
  const events = ['shown', 'dismissed', 'snoozed'] as const;
  const zeros = Object.fromEntries(events.filter((event) => event !== display.event).map((event) => [event, 0]));
  await native(context.models.displayDays).updateOne(
    { _id: displayDayId(display) as never },
    {
      $inc: { [display.event]: 1 },
      $setOnInsert: { day: display.at.toISOString().slice(0, 10), projectKey: display.projectKey, surveyId: display.surveyId, ...zeros },
    },
    { upsert: true, ...(session && { session }) },
  );
}
