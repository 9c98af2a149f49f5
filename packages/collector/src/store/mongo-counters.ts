/**
 * Report counters as `$inc` upserts: one document per day x survey x plan for answers (`report_days`), one per
 * day x survey for displays (`display_days`). Without a transaction an answer is counted under a guard: the
 * counter lists the answer in `applying` as it adds it, and skips an answer already listed, so completing
 * an interrupted write again never counts it twice (the writer then `$pull`s it, once its claim is cleared).
 */
import type { mongo } from 'mongoose';
import { isDuplicateKey, native, type MongoContext } from './mongo-context.ts';
import type { DisplayDoc, ResponseDoc } from './store.ts';

const COUNTS = ['responses', 'comments', 'promoters', 'passives', 'detractors'] as const;

export function reportDayId(response: ResponseDoc): string {
  return `${response.day}|${response.surveyId}|${response.plan ?? 'unknown'}`;
}

/** What one answer adds to its counter. */
function increments(response: ResponseDoc): Record<string, number> {
  const inc: Record<string, number> = { responses: 1 };
  if (response.hasComment) inc.comments = 1;
  if (response.category) inc[`${response.category}s`] = 1;
  const { score, reason, reasons = [] } = response.answers;
  if (score !== undefined) inc[`scores.${score}`] = 1;
  for (const id of new Set(reason ? [reason, ...reasons] : reasons)) inc[`reasons.${id}`] = 1;
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
  const inc = increments(response);
  await native(context.models.reportDays).updateOne({ _id: reportDayId(response) as never }, { $inc: inc, $setOnInsert: initial(response, inc) }, { upsert: true, session });
}

/** Adds the answer to its counter unless it was added before (listed in `applying`); answers the counter id. */
export async function countOnce(context: MongoContext, response: ResponseDoc): Promise<string> {
  const counters = native(context.models.reportDays);
  const _id = reportDayId(response);
  const inc = increments(response);
  const unlisted = { _id: _id as never, applying: { $nin: [response._id] } };
  const update = { $inc: inc, $push: { applying: response._id } };
  try {
    await counters.updateOne(unlisted, { ...update, $setOnInsert: initial(response, inc) }, { upsert: true });
  } catch (error) {
    // The counter exists: either it lists the answer already (counted), or a concurrent upsert created it.
    if (!isDuplicateKey(error)) throw error;
    await counters.updateOne(unlisted, update);
  }
  return _id;
}

/** Drops the answer from its counter's `applying` list, once its claim is cleared. */
export async function unlist(context: MongoContext, counterId: string, responseId: string): Promise<void> {
  await native(context.models.reportDays).updateOne({ _id: counterId as never }, { $pull: { applying: responseId } });
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
