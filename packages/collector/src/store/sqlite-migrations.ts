/**
 * The SQLite schema as numbered migrations: `PRAGMA user_version` holds how many have been applied, each
 * one runs in its own transaction at open, and a database newer than this code is refused. Never edit a
 * migration that has shipped: add the next one.
 *
 * Times are integer milliseconds since the epoch; documents that the store only hands back whole are kept
 * as JSON in `doc`, and every field a query filters or sorts on has its own column and index.
 */
import type Database from 'better-sqlite3';

export const MIGRATIONS: readonly string[] = [
  // 1: feedback items (survey answers first), displays, alerts and their attempts, leases, day counters.
  `
  CREATE TABLE items (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    source_id TEXT NOT NULL,
    project_key TEXT NOT NULL,
    survey_id TEXT,
    kind TEXT NOT NULL,
    product_area TEXT,
    plan TEXT,
    category TEXT,
    has_comment INTEGER NOT NULL,
    user_id TEXT,
    owner TEXT,
    status TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE UNIQUE INDEX items_source ON items (source, source_id);
  CREATE INDEX items_newest ON items (received_at DESC, id DESC);
  CREATE INDEX items_survey ON items (survey_id, received_at DESC, id DESC);
  CREATE INDEX items_kind ON items (kind, received_at DESC, id DESC);
  CREATE INDEX items_area ON items (product_area, received_at DESC, id DESC);
  CREATE INDEX items_owner ON items (owner, received_at DESC, id DESC);
  CREATE INDEX items_status ON items (status, received_at DESC, id DESC);
  CREATE INDEX items_commented ON items (received_at DESC, id DESC) WHERE has_comment = 1;
  CREATE INDEX items_user ON items (user_id) WHERE user_id IS NOT NULL;

  CREATE TABLE displays (
    id TEXT PRIMARY KEY,
    project_key TEXT NOT NULL,
    survey_id TEXT NOT NULL,
    event TEXT NOT NULL,
    user_id TEXT,
    anonymous_id TEXT,
    at INTEGER NOT NULL
  );
  CREATE INDEX displays_user ON displays (user_id, project_key, event, survey_id, at) WHERE user_id IS NOT NULL;
  CREATE INDEX displays_anonymous ON displays (anonymous_id, project_key, event, survey_id, at) WHERE anonymous_id IS NOT NULL;

  CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    response_id TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    lease_owner TEXT,
    lease_until INTEGER,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    delivered_at INTEGER,
    failed_at INTEGER
  );
  CREATE UNIQUE INDEX alerts_once ON alerts (response_id, owner_id, channel);
  CREATE INDEX alerts_due ON alerts (status, next_attempt_at);
  CREATE INDEX alerts_newest ON alerts (created_at DESC, id DESC);
  CREATE INDEX alerts_status ON alerts (status, created_at DESC, id DESC);
  CREATE INDEX alerts_owner ON alerts (owner_id, created_at DESC, id DESC);
  CREATE INDEX alerts_failed ON alerts (owner_id, failed_at) WHERE status = 'failed';

  CREATE TABLE alert_attempts (
    alert_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    status TEXT NOT NULL,
    error TEXT
  );
  CREATE INDEX alert_attempts_alert ON alert_attempts (alert_id, at);

  CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    until INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE day_counts (
    day TEXT NOT NULL,
    survey_id TEXT NOT NULL,
    plan TEXT NOT NULL,
    project_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    product_area TEXT NOT NULL,
    responses INTEGER NOT NULL,
    comments INTEGER NOT NULL,
    promoters INTEGER NOT NULL,
    passives INTEGER NOT NULL,
    detractors INTEGER NOT NULL,
    PRIMARY KEY (day, survey_id, plan)
  ) WITHOUT ROWID;

  CREATE TABLE day_scores (
    day TEXT NOT NULL,
    survey_id TEXT NOT NULL,
    plan TEXT NOT NULL,
    score INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (day, survey_id, plan, score)
  ) WITHOUT ROWID;

  CREATE TABLE day_reasons (
    day TEXT NOT NULL,
    survey_id TEXT NOT NULL,
    plan TEXT NOT NULL,
    reason TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (day, survey_id, plan, reason)
  ) WITHOUT ROWID;

  CREATE TABLE display_days (
    day TEXT NOT NULL,
    survey_id TEXT NOT NULL,
    project_key TEXT NOT NULL,
    shown INTEGER NOT NULL,
    dismissed INTEGER NOT NULL,
    snoozed INTEGER NOT NULL,
    PRIMARY KEY (day, survey_id)
  ) WITHOUT ROWID;
  `,
  // 2: items from intake paths (email, Slack, GitHub, cases, notes, imports) beside survey answers: their
  // feedback type, region and when they happened; full-text search over every item's text.
  `
  ALTER TABLE items ADD COLUMN feedback_type TEXT;
  ALTER TABLE items ADD COLUMN region TEXT;
  ALTER TABLE items ADD COLUMN occurred_at INTEGER;
  UPDATE items SET occurred_at = received_at;
  CREATE INDEX items_occurred ON items (occurred_at DESC, id DESC);
  CREATE INDEX items_by_source ON items (source, occurred_at DESC, id DESC);
  CREATE INDEX items_type ON items (feedback_type, occurred_at DESC, id DESC) WHERE feedback_type IS NOT NULL;
  CREATE VIRTUAL TABLE items_text USING fts5 (text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
  INSERT INTO items_text (rowid, text) SELECT rowid, doc ->> '$.answers.comment' FROM items WHERE has_comment = 1;
  `,
  // 3: escalation of items their owner has not acknowledged: when each was escalated (set once, with its
  // alerts), the routed new items waiting oldest first, and the escalations of a week.
  `
  ALTER TABLE items ADD COLUMN escalated_at INTEGER;
  CREATE INDEX items_awaiting ON items (received_at, id) WHERE status = 'new' AND escalated_at IS NULL AND owner IS NOT NULL;
  CREATE INDEX items_escalated ON items (escalated_at DESC, id DESC) WHERE escalated_at IS NOT NULL;
  `,
  // 4: an owner's items by triage status (the digest's open count, "my open items"), read from the index
  // alone instead of every row the owner was ever routed.
  `
  CREATE INDEX items_owner_status ON items (owner, status, received_at DESC, id DESC, source);
  `,
  // 5: issues and features that feedback is linked to, by URL, with how many items ask for each (newest and
  // most asked first), and one link per item, read from either side.
  `
  CREATE TABLE issues (
    url TEXT PRIMARY KEY,
    title TEXT,
    state TEXT NOT NULL,
    linked_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    asking INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX issues_newest ON issues (linked_at DESC, url DESC);
  CREATE INDEX issues_asking ON issues (asking DESC, linked_at DESC, url DESC);
  CREATE TABLE issue_links (
    item_id TEXT PRIMARY KEY,
    issue_url TEXT NOT NULL,
    at INTEGER NOT NULL,
    account_id TEXT,
    account_name TEXT,
    plan TEXT
  ) WITHOUT ROWID;
  CREATE INDEX issue_links_by_issue ON issue_links (issue_url, at DESC, item_id);
  `,
  // 6: survey settings edited in the console: every change kept, numbered in one sequence (the version a
  // collector polls), a survey's changes newest first on an index.
  `
  CREATE TABLE survey_settings (
    version INTEGER PRIMARY KEY,
    survey_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX survey_settings_survey ON survey_settings (survey_id, version DESC);
  `,
  // 7: closing the loop: when an item's customer was told that their issue shipped (set once, in the commit
  // of the check), the items holding a contact email (erasure by email), and erased contacts, by the hash
  // of the address only.
  `
  ALTER TABLE items ADD COLUMN told_at INTEGER;
  CREATE INDEX items_contact ON items (lower(doc ->> '$.customer.contactEmail')) WHERE doc ->> '$.customer.contactEmail' IS NOT NULL;
  CREATE TABLE erased_contacts (email_hash TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID;
  `,
  // 8: the console edits owners, routes and the rotation too: the changes table holds every console change,
  // keyed by its subject (a survey id, or the routing), still in one sequence of versions.
  `
  ALTER TABLE survey_settings RENAME TO console_settings;
  ALTER TABLE console_settings RENAME COLUMN survey_id TO subject;
  DROP INDEX survey_settings_survey;
  CREATE INDEX console_settings_subject ON console_settings (subject, version DESC);
  `,
  // 9: the digest's numbers without reading each answer: the newest-first index carries every column a filter or
  // tally of answers reads (it replaces items_newest, so a week is tallied from the index alone); an owner's
  // items by when they happened carry their source (the digest's intake count); and each owner's items are
  // counted per triage status and source in owner_counts, kept by triggers in the commit of every insert,
  // triage change and erasure (the open-triage count, however long the owner's history).
  `
  CREATE INDEX items_newest_covering ON items (received_at DESC, id DESC, source, survey_id, kind, plan, product_area, owner, status, category, has_comment);
  DROP INDEX items_newest;
  CREATE INDEX items_owner_occurred ON items (owner, occurred_at DESC, id DESC, source) WHERE owner IS NOT NULL;
  CREATE TABLE owner_counts (
    owner TEXT NOT NULL,
    status TEXT NOT NULL,
    source TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (owner, status, source)
  ) WITHOUT ROWID;
  INSERT INTO owner_counts (owner, status, source, n)
    SELECT owner, status, source, count(*) FROM items WHERE owner IS NOT NULL GROUP BY owner, status, source;
  CREATE TRIGGER items_owner_count_insert AFTER INSERT ON items WHEN new.owner IS NOT NULL BEGIN
    INSERT INTO owner_counts (owner, status, source, n) VALUES (new.owner, new.status, new.source, 1)
      ON CONFLICT (owner, status, source) DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER items_owner_count_delete AFTER DELETE ON items WHEN old.owner IS NOT NULL BEGIN
    UPDATE owner_counts SET n = n - 1 WHERE owner = old.owner AND status = old.status AND source = old.source;
  END;
  CREATE TRIGGER items_owner_count_update AFTER UPDATE OF owner, status, source ON items
    WHEN old.owner IS NOT new.owner OR old.status IS NOT new.status OR old.source IS NOT new.source BEGIN
    UPDATE owner_counts SET n = n - 1 WHERE owner = old.owner AND status = old.status AND source = old.source;
    INSERT INTO owner_counts (owner, status, source, n) SELECT new.owner, new.status, new.source, 1 WHERE new.owner IS NOT NULL
      ON CONFLICT (owner, status, source) DO UPDATE SET n = n + 1;
  END;
  `,
  // 10: erasure by email reaches the items a person reported too (a forwarded message's forwarder, a case's
  // owner, an imported row's reporter), found by their lowercased reporter email as contacts are. Both
  // indexes cover intake items only: a survey answer holds neither, and its insert no longer reads its
  // document to find that out.
  `
  DROP INDEX items_contact;
  CREATE INDEX items_contact ON items (lower(doc ->> '$.customer.contactEmail'))
    WHERE source <> 'survey' AND doc ->> '$.customer.contactEmail' IS NOT NULL;
  CREATE INDEX items_reporter ON items (lower(doc ->> '$.reporter.email'))
    WHERE source <> 'survey' AND doc ->> '$.reporter.email' IS NOT NULL;
  `,
  // 11: when each person was last shown each survey, kept as displays are stored, so the read every page
  // view of an identified person makes costs one row per survey however many times they were shown one.
  // A person is 'user:' and a user id or 'anon:' and an anonymous id (a display may carry both).
  `
  CREATE TABLE seen (
    person TEXT NOT NULL,
    project_key TEXT NOT NULL,
    survey_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (person, project_key, survey_id)
  ) WITHOUT ROWID;
  INSERT INTO seen (person, project_key, survey_id, at)
    SELECT 'user:' || user_id, project_key, survey_id, max(at) FROM displays
    WHERE user_id IS NOT NULL AND event = 'shown' GROUP BY user_id, project_key, survey_id;
  INSERT INTO seen (person, project_key, survey_id, at)
    SELECT 'anon:' || anonymous_id, project_key, survey_id, max(at) FROM displays
    WHERE anonymous_id IS NOT NULL AND event = 'shown' GROUP BY anonymous_id, project_key, survey_id;
  `,
  // 12: survey comments queued for the full-text index by their answer's commit, indexed in batches after it.
  `
  CREATE TABLE items_text_queue (item_rowid INTEGER PRIMARY KEY);
  `,
];

/** Brings the database at `path` to schema version `target` (default: the latest), one transaction per step. */
export function migrate(db: Database.Database, path: string, target = MIGRATIONS.length): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new Error(`${path} is at schema version ${version}, newer than this collector knows (${MIGRATIONS.length}); run a newer version`);
  }
  for (let next = version; next < target; next += 1) {
    db.transaction(() => {
      db.exec(MIGRATIONS[next] as string);
      db.pragma(`user_version = ${next + 1}`);
    })();
  }
}
