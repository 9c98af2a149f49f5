/**
 * Responses on SQLite: the `items` table (source `survey`), its day counters, and the alerts written with
 * an answer, all in one transaction of the group commit.
 */
import type Database from 'better-sqlite3';
import type { GroupCommit } from './group-commit.ts';
import { decodeResponse, encodeResponse, ms } from './sqlite-codec.ts';
import { insertAlerts } from './sqlite-alerts.ts';
import { Conditions, type Param } from './sqlite-conditions.ts';
import { keysetStream, STREAM_BATCH } from './keyset-stream.ts';
import { StatementCache } from './statement-cache.ts';
import type { TextQueue } from './sqlite-text-queue.ts';
import type { AlertDoc, Position, ResponseCriteria, ResponseDoc, ResponseFilter, ResponseRepository, ResponseTally, TriageUpdate } from './store.ts';

const SOURCE = 'survey';

/**
 * The filter as a SQL condition over `items`, with its parameters. When the filter has a time range, its
 * alternatives (`anyOf`) are checked on the range's index entries (unary `+`: no index of their own), so a
 * week is read from the newest-first index alone instead of by one index per alternative, row by row.
 */
function whereOf(filter: ResponseFilter): { sql: string; params: Param[] } {
  const ranged = filter.from !== undefined || filter.to !== undefined;
  const criteria = (c: ResponseCriteria, unindexed = false) => {
    const column = (name: string) => (unindexed ? `+${name}` : name);
    return new Conditions()
      .eq(column('survey_id'), c.surveyId)
      .eq(column('kind'), c.kind)
      .eq(column('category'), c.category)
      .eq(column('plan'), c.plan)
      .eq(column('product_area'), c.productArea)
      .eq(column('owner'), c.owner)
      .in(column('status'), c.status)
      .range(column('received_at'), c.from, c.to)
      .search(c.search);
  };
  // Literal, not a parameter: only then can the planner use the partial index of commented answers.
  const commented = (c: ResponseCriteria, unindexed = false) => {
    const where = criteria(c, unindexed);
    return c.hasComment === undefined ? where : where.add(c.hasComment ? 'has_comment = 1' : 'has_comment = 0');
  };
  // Unary `+`: only survey answers, without letting the source index displace the time-ordered ones.
  const where = commented(filter).add(`+source = '${SOURCE}'`);
  if (filter.anyOf !== undefined) {
    const alternatives = filter.anyOf.map((c) => {
      const inner = commented(c, ranged);
      where.params.push(...inner.params);
      return `(${inner.sql})`;
    });
    where.add(alternatives.length === 0 ? '0' : `(${alternatives.join(' OR ')})`);
  }
  return { sql: where.sql, params: where.params };
}

/** An owner's count by triage status, which `owner_counts` keeps (migration 9): no other condition. */
function isOwnerCount(filter: ResponseFilter): filter is ResponseFilter & { owner: string } {
  return filter.owner !== undefined && Object.entries(filter).every(([key, value]) => value === undefined || key === 'owner' || key === 'status');
}

/** Whether a filter searches the text, anywhere in it. */
const searches = (filter: ResponseFilter) => filter.search !== undefined || (filter.anyOf ?? []).some((criteria) => criteria.search !== undefined);

export function sqliteResponses(db: Database.Database, commit: GroupCommit, text: TextQueue): ResponseRepository {
  const statements = new StatementCache(db);
  // A search reads the text index: what is queued for it is indexed first.
  const where = (filter: ResponseFilter) => {
    if (searches(filter)) text.catchUp();
    return whereOf(filter);
  };
  const insertItem = db.prepare(
    `INSERT INTO items (id, source, source_id, project_key, survey_id, kind, product_area, plan, category, has_comment,
       user_id, owner, status, received_at, occurred_at, doc)
     VALUES (@id, @source, @sourceId, @projectKey, @surveyId, @kind, @productArea, @plan, @category, @hasComment,
       @userId, @owner, @status, @receivedAt, @receivedAt, @doc)
     ON CONFLICT (source, source_id) DO NOTHING`,
  );
  const idBySource = db.prepare('SELECT id FROM items WHERE source = ? AND source_id = ?').pluck();
  const docById = db.prepare(`SELECT doc FROM items WHERE id = ? AND source = '${SOURCE}'`).pluck();
  const updateTriageRow = db.prepare('UPDATE items SET owner = ?, status = ?, doc = ? WHERE id = ?');
  const ownerCount = db.prepare(`SELECT coalesce(sum(n), 0) FROM owner_counts WHERE owner = ? AND source = '${SOURCE}'`).pluck();
  const countDay = db.prepare(
    `INSERT INTO day_counts (day, survey_id, plan, project_key, kind, product_area, responses, comments, promoters, passives, detractors)
     VALUES (@day, @surveyId, @plan, @projectKey, @kind, @productArea, 1, @comments, @promoters, @passives, @detractors)
     ON CONFLICT (day, survey_id, plan) DO UPDATE SET
       responses = responses + 1, comments = comments + excluded.comments, promoters = promoters + excluded.promoters,
       passives = passives + excluded.passives, detractors = detractors + excluded.detractors`,
  );
  const countScore = db.prepare(
    `INSERT INTO day_scores (day, survey_id, plan, score, n) VALUES (?, ?, ?, ?, 1)
     ON CONFLICT (day, survey_id, plan, score) DO UPDATE SET n = n + 1`,
  );
  const countReason = db.prepare(
    `INSERT INTO day_reasons (day, survey_id, plan, reason, n) VALUES (?, ?, ?, ?, 1)
     ON CONFLICT (day, survey_id, plan, reason) DO UPDATE SET n = n + 1`,
  );

  function store(response: ResponseDoc, alerts: AlertDoc[]): { id: string; duplicate: boolean } {
    const plan = response.plan ?? 'unknown';
    const inserted = insertItem.run({
      id: response._id,
      source: SOURCE,
      sourceId: response.submissionId,
      projectKey: response.projectKey,
      surveyId: response.surveyId,
      kind: response.kind,
      productArea: response.productArea,
      plan: response.plan ?? null,
      category: response.category ?? null,
      hasComment: response.hasComment ? 1 : 0,
      userId: response.respondent.userId ?? null,
      owner: response.triage.owner ?? response.routing.owner ?? null,
      status: response.triage.status,
      receivedAt: ms(response.receivedAt),
      doc: encodeResponse(response),
    });
    if (inserted.changes === 0) return { id: idBySource.get(SOURCE, response.submissionId) as string, duplicate: true };
    if (response.answers.comment) text.add(inserted.lastInsertRowid);
    insertAlerts(db, alerts);
    countDay.run({
      day: response.day,
      surveyId: response.surveyId,
      plan,
      projectKey: response.projectKey,
      kind: response.kind,
      productArea: response.productArea,
      comments: response.hasComment ? 1 : 0,
      promoters: response.category === 'promoter' ? 1 : 0,
      passives: response.category === 'passive' ? 1 : 0,
      detractors: response.category === 'detractor' ? 1 : 0,
    });
    const { score, reason, reasons = [] } = response.answers;
    if (score !== undefined) countScore.run(response.day, response.surveyId, plan, score);
    for (const id of new Set(reason ? [reason, ...reasons] : reasons)) countReason.run(response.day, response.surveyId, plan, id);
    return { id: response._id, duplicate: false };
  }

  function page(filter: ResponseFilter, limit: number, after?: Position): ResponseDoc[] {
    const condition = where(filter);
    const keyset = after ? ' AND (received_at, id) < (?, ?)' : '';
    const params = after ? [...condition.params, ms(after.at), after.id] : condition.params;
    const sql = `SELECT doc FROM items WHERE ${condition.sql}${keyset} ORDER BY received_at DESC, id DESC LIMIT ?`;
    return (statements.get(sql, true).all(...params, limit) as string[]).map(decodeResponse);
  }

  return {
    record: (response, alerts) => commit.run(() => store(response, alerts)),
    async get(id) {
      const doc = docById.get(id) as string | undefined;
      return doc === undefined ? null : decodeResponse(doc);
    },
    async page(filter, limit, after) {
      return page(filter, limit, after);
    },
    stream: (filter) => keysetStream((after) => page(filter, STREAM_BATCH, after), (last) => ({ at: last.receivedAt, id: last._id })),
    async count(filter) {
      if (isOwnerCount(filter)) {
        if (filter.status === undefined) return ownerCount.get(filter.owner) as number;
        if (filter.status.length === 0) return 0;
        const sql = `SELECT coalesce(sum(n), 0) FROM owner_counts WHERE owner = ? AND status IN (${filter.status.map(() => '?').join(', ')}) AND source = '${SOURCE}'`;
        return statements.get(sql, true).get(filter.owner, ...filter.status) as number;
      }
      const condition = where(filter);
      return statements.get(`SELECT count(*) FROM items WHERE ${condition.sql}`, true).get(...condition.params) as number;
    },
    async tally(filter) {
      // One pass over the index entries; a row is read only for the reasons of a cancel or uninstall answer.
      const condition = where(filter);
      const sql = `SELECT count(*) AS responses, coalesce(sum(has_comment), 0) AS comments,
          coalesce(sum(category = 'promoter'), 0) AS promoters, coalesce(sum(category = 'passive'), 0) AS passives,
          coalesce(sum(category = 'detractor'), 0) AS detractors,
          json_group_array(json_array(kind, doc ->> '$.answers.reason', doc -> '$.answers.reasons')) FILTER (WHERE kind IN ('cancel', 'uninstall')) AS given
        FROM items WHERE ${condition.sql}`;
      const { given, ...counts } = statements.get(sql).get(...condition.params) as Omit<ResponseTally, 'reasons'> & { given: string };
      const reasons: ResponseTally['reasons'] = { cancel: {}, uninstall: {} };
      for (const [kind, reason, list] of JSON.parse(given) as ['cancel' | 'uninstall', string | null, string[] | null][]) {
        const ids = new Set<string>(list ?? []);
        if (reason) ids.add(reason);
        for (const id of ids) reasons[kind][id] = (reasons[kind][id] ?? 0) + 1;
      }
      return { ...counts, reasons };
    },
    updateTriage: (id, update) => commit.run(() => applyTriage(id, update)),
    async resumeInterrupted() {
      return 0; // an answer and its effects are one transaction: nothing is ever left half done
    },
  };

  function applyTriage(id: string, { expected, next, change, alerts }: TriageUpdate): ResponseDoc | null | 'conflict' {
    const doc = docById.get(id) as string | undefined;
    if (doc === undefined) return null;
    const response = decodeResponse(doc);
    if (!sameTriage(response.triage, expected)) return 'conflict';
    response.triage = { ...next, history: [...response.triage.history, change] };
    if (response.triage.owner === undefined) delete response.triage.owner;
    if (response.triage.issueUrl === undefined) delete response.triage.issueUrl;
    updateTriageRow.run(response.triage.owner ?? response.routing.owner ?? null, response.triage.status, encodeResponse(response), id);
    insertAlerts(db, alerts);
    return response;
  }
}

function sameTriage(a: ResponseDoc['triage'], b: ResponseDoc['triage']): boolean {
  return (
    a.status === b.status &&
    a.owner === b.owner &&
    a.issueUrl === b.issueUrl &&
    a.tags.join('\n') === b.tags.join('\n') &&
    a.history.length === b.history.length
  );
}
