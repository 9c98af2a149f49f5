/** Report counters on MongoDB: the day documents of a range, read on the day-leading indexes. */
import type { mongo } from 'mongoose';
import { native, type MongoContext } from './mongo-context.ts';
import type { DayCounts, DisplayDayCounts, ReportRepository } from './store.ts';

export function mongoReports(context: MongoContext): ReportRepository {
  const reportDays = native(context.models.reportDays);
  const displayDays = native(context.models.displayDays);
  return {
    async days(filter) {
      const query: mongo.Document = { day: { $gte: filter.from, $lt: filter.to } };
      if (filter.kinds !== undefined) query.kind = { $in: filter.kinds };
      if (filter.surveyId !== undefined) query.surveyId = filter.surveyId;
      if (filter.productArea !== undefined) query.productArea = filter.productArea;
      if (filter.plan !== undefined) query.plan = filter.plan;
      const found = await reportDays.find(query, { projection: { _id: 0, applying: 0 }, sort: { day: 1, surveyId: 1, plan: 1 } }).toArray();
      return found.map((counts) => ({ scores: {}, reasons: {}, ...counts }) as unknown as DayCounts);
    },
    async displayDays(filter) {
      const query: mongo.Document = { day: { $gte: filter.from, $lt: filter.to } };
      if (filter.surveyId !== undefined) query.surveyId = filter.surveyId;
      const found = await displayDays.find(query, { projection: { _id: 0 }, sort: { day: 1, surveyId: 1 } }).toArray();
      return found as unknown as DisplayDayCounts[];
    },
  };
}
