/** Report counters on SQLite: day rows of a range, read on the day-leading primary keys. */
import type Database from 'better-sqlite3';
import { StatementCache } from './statement-cache.ts';
import type { DayCounts, DisplayDayCounts, ReportFilter, ReportRepository } from './store.ts';

export function sqliteReports(db: Database.Database): ReportRepository {
  const statements = new StatementCache(db);
  return {
    async days(filter: ReportFilter) {
      const parts = ['c.day >= ?', 'c.day < ?'];
      const params: string[] = [filter.from, filter.to];
      if (filter.kinds !== undefined) {
        parts.push(filter.kinds.length === 0 ? '0' : `c.kind IN (${filter.kinds.map(() => '?').join(', ')})`);
        params.push(...filter.kinds);
      }
      for (const [column, value] of [['c.survey_id', filter.surveyId], ['c.product_area', filter.productArea], ['c.plan', filter.plan]] as const) {
        if (value === undefined) continue;
        parts.push(`${column} = ?`);
        params.push(value);
      }
      const sql = `SELECT c.day, c.project_key AS projectKey, c.survey_id AS surveyId, c.kind, c.product_area AS productArea, c.plan,
          c.responses, c.comments, c.promoters, c.passives, c.detractors,
          (SELECT json_group_object(s.score, s.n) FROM day_scores s WHERE s.day = c.day AND s.survey_id = c.survey_id AND s.plan = c.plan) AS scores,
          (SELECT json_group_object(r.reason, r.n) FROM day_reasons r WHERE r.day = c.day AND r.survey_id = c.survey_id AND r.plan = c.plan) AS reasons
        FROM day_counts c WHERE ${parts.join(' AND ')} ORDER BY c.day, c.survey_id, c.plan`;
      const rows = statements.get(sql).all(...params) as (Omit<DayCounts, 'scores' | 'reasons'> & { scores: string; reasons: string })[];
      return rows.map((row) => ({ ...row, scores: JSON.parse(row.scores) as Record<string, number>, reasons: JSON.parse(row.reasons) as Record<string, number> }));
    },
    async displayDays(filter: ReportFilter) {
      const parts = ['day >= ?', 'day < ?'];
      const params: string[] = [filter.from, filter.to];
      if (filter.surveyId !== undefined) {
        parts.push('survey_id = ?');
        params.push(filter.surveyId);
      }
      const sql = `SELECT day, survey_id AS surveyId, project_key AS projectKey, shown, dismissed, snoozed
        FROM display_days WHERE ${parts.join(' AND ')} ORDER BY day, survey_id`;
      return statements.get(sql).all(...params) as DisplayDayCounts[];
    },
  };
}
