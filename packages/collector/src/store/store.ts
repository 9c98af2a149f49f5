/**
 * The Store contract, in the domain's words: one repository per aggregate (responses, displays, alerts,
 * leases, reports). Every adapter implements it in its own engine's idiom and passes the one contract suite
 * in `store-contract.ts`: SQLite (`sqlite-store.ts`, the embedded default) and MongoDB (`mongo-store.ts`).
 * The domain never builds a query: it names what it needs.
 *
 * Every adapter must:
 * - acknowledge a write only once it is durable (SQLite: the commit is synced; MongoDB: acknowledged by the
 *   server with its write concern);
 * - store an answer together with its effects (its alerts, its report counts): after a crash either all of
 *   them are there or none is, and a repeat of the same submission stores nothing twice;
 * - hand out each due alert, and each lease, to one holder at a time, and record an attempt's outcome only
 *   for the holder whose lease is still current;
 * - answer every list from an index, page by keyset (never by offset) and stream large results, so that
 *   memory stays flat however much is stored.
 */
import type { SettingsRepository } from './settings-repository.ts';
import type { Alert, Channel, FeedbackSource, IntakeSource, NpsCategory, Plan, StoredItem, StoredResponse, SurveyKind, Triage, TriageStatus } from '@heed/shared';

/** A stored survey response: the first kind of feedback item (source `survey`, source id = submission id). */
export type ResponseDoc = StoredResponse;
export type AlertDoc = Alert;
/** A stored feedback item from an intake path (email, Slack, GitHub, cases, staff notes, imports). */
export type ItemDoc = StoredItem;

/** A shown / dismissed / snoozed record, for response rates and cross-device throttling. */
export interface DisplayDoc {
  _id: string;
  projectKey: string;
  surveyId: string;
  event: 'shown' | 'dismissed' | 'snoozed';
  userId?: string;
  anonymousId?: string;
  at: Date;
}

/** Where a page or a stream resumes: strictly after this (time, id), newest first. */
export interface Position {
  at: Date;
  id: string;
}

/** A position in a list ordered by a count first (most asked first), then by time and id. */
export interface RankedPosition extends Position {
  rank: number;
}

/** Conditions on responses; all given ones must hold. */
export interface ResponseCriteria {
  surveyId?: string;
  kind?: SurveyKind;
  category?: NpsCategory;
  plan?: Plan;
  productArea?: string;
  /** Triage status, one of these. */
  status?: TriageStatus[];
  hasComment?: boolean;
  /** The owner: the one triage assigned, else the routed one. */
  owner?: string;
  /** `[from, to)` on `receivedAt`. */
  from?: Date;
  to?: Date;
  /** Every word occurs in the comment (case- and accent-insensitive), the last one as a prefix. */
  search?: string;
}

/** The criteria, and (when given) at least one of `anyOf`. */
export interface ResponseFilter extends ResponseCriteria {
  anyOf?: ResponseCriteria[];
}

/** What a set of responses adds up to (the digest's week). */
export interface ResponseTally {
  responses: number;
  comments: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Reason id -> responses that gave it, per survey kind. */
  reasons: { cancel: Record<string, number>; uninstall: Record<string, number> };
}

/** A triage change, applied only if the triage still is what the caller read (optimistic concurrency). */
export interface TriageUpdate {
  expected: Triage;
  next: Omit<Triage, 'history'>;
  change: Triage['history'][number];
  /** Alerts to enqueue with the change (a new owner's), in the same commit. */
  alerts: AlertDoc[];
}

export interface ResponseRepository {
  /**
   * Stores a new answer with its alerts and report counts, durably, all or nothing. A second answer with
   * the same submission id stores nothing and answers the first one's id with `duplicate: true`.
   */
  record(response: ResponseDoc, alerts: AlertDoc[]): Promise<{ id: string; duplicate: boolean }>;
  get(id: string): Promise<ResponseDoc | null>;
  /** Up to `limit` matching responses, newest first by (receivedAt, id), after `after`. */
  page(filter: ResponseFilter, limit: number, after?: Position): Promise<ResponseDoc[]>;
  /** Every matching response, newest first, read in batches as the consumer pulls. */
  stream(filter: ResponseFilter): AsyncIterable<ResponseDoc>;
  count(filter: ResponseFilter): Promise<number>;
  tally(filter: ResponseFilter): Promise<ResponseTally>;
  /** Applies a triage change; `null` when the response is gone, `'conflict'` when its triage changed meanwhile. */
  updateTriage(id: string, update: TriageUpdate): Promise<ResponseDoc | null | 'conflict'>;
  /**
   * Finishes whatever an interrupted `record` left undone (engines without multi-document transactions);
   * answers how many answers it completed. A no-op where `record` is one transaction.
   */
  resumeInterrupted(now: Date): Promise<number>;
}

/** Conditions on feedback items of every source (survey answers included); all given ones must hold. */
export interface ItemFilter {
  source?: FeedbackSource;
  feedbackType?: string;
  productArea?: string;
  plan?: Plan;
  region?: string;
  status?: TriageStatus[];
  /** The triage owner, else the routed one. */
  owner?: string;
  /** Every word occurs in the text (a survey answer's comment), case- and accent-insensitive, the last as a prefix. */
  search?: string;
  /** `[from, to)` on when it happened (survey answers: when received). */
  from?: Date;
  to?: Date;
}

/** One entry of the inbox: a survey answer or an item from an intake path. */
export type InboxEntry = { source: 'survey'; response: ResponseDoc } | { source: IntakeSource; item: ItemDoc };

/** What a later delivery of the same original may change (a GitHub issue relabelled or closed). */
export interface ItemRevision {
  title?: string;
  text?: string;
  links?: ItemDoc['links'];
  details?: Record<string, string>;
}

export interface ItemRepository {
  /**
   * Stores a new item with its alerts, durably, all or nothing. The same original (source + source id)
   * again stores nothing and answers the first one's id with `duplicate: true`.
   */
  record(item: ItemDoc, alerts: AlertDoc[]): Promise<{ id: string; duplicate: boolean }>;
  /** Applies a revision to the item of that original; `null` when there is none. */
  revise(source: IntakeSource, sourceId: string, revision: ItemRevision): Promise<ItemDoc | null>;
  get(id: string): Promise<ItemDoc | null>;
  /** The item of an original, if stored. */
  bySource(source: IntakeSource, sourceId: string): Promise<ItemDoc | null>;
  /** Every source, newest first by (occurredAt, id). */
  page(filter: ItemFilter, limit: number, after?: Position): Promise<InboxEntry[]>;
  stream(filter: ItemFilter): AsyncIterable<InboxEntry>;
  /** How many items match, per source (sources with none left out): counted, never read one by one. */
  countBySource(filter: ItemFilter): Promise<Partial<Record<FeedbackSource, number>>>;
  /** Triage of an intake item, as `responses.updateTriage` does for answers. */
  updateTriage(id: string, update: TriageUpdate): Promise<ItemDoc | null | 'conflict'>;
}

export interface SeenRecord {
  /** Survey id -> when it was last shown to the person. */
  lastShownAt: Record<string, Date>;
  lastAnyShownAt: Date | null;
}

export interface DisplayRepository {
  /** Stores a display once per id; `false` when that id was stored before. */
  record(display: DisplayDoc): Promise<boolean>;
  /** When surveys of the project were last shown to the person (by user id and/or anonymous id). */
  seenBy(projectKey: string, who: { userId?: string; anonymousId?: string }): Promise<SeenRecord>;
}

/** The outcome of one delivery attempt, as the alert records it. */
export type AttemptRecord =
  | { status: 'delivered'; at: Date }
  | { status: 'retry'; at: Date; error: string; nextAttemptAt: Date }
  | { status: 'failed'; at: Date; error: string };

export interface AlertAttempt {
  at: Date;
  status: AttemptRecord['status'];
  error?: string;
}

export interface AlertFilter {
  status?: AlertDoc['status'];
  ownerId?: string;
  channel?: Channel;
  responseId?: string;
}

export interface AlertRepository {
  /** Adds alerts; one already stored for the same (response, owner, channel) is kept. Answers how many were new. */
  enqueue(alerts: AlertDoc[]): Promise<number>;
  /**
   * Leases the pending alert due soonest (`nextAttemptAt <= now`, no live lease) to `holder` until
   * `leaseUntil`; `null` when none is due.
   */
  claimNextDue(holder: string, now: Date, leaseUntil: Date): Promise<AlertDoc | null>;
  /** Records an attempt and releases the lease, only if `holder` still holds it; `false` otherwise (nothing changes). */
  recordAttempt(id: string, holder: string, leaseUntil: Date, attempt: AttemptRecord): Promise<boolean>;
  /** Gives a lease back unused, only if `holder` still holds it: the alert is due again for any worker. */
  releaseLease(id: string, holder: string, leaseUntil: Date): Promise<boolean>;
  get(id: string): Promise<AlertDoc | null>;
  /** Newest first by (createdAt, id). */
  page(filter: AlertFilter, limit: number, after?: Position): Promise<AlertDoc[]>;
  /** The attempts made for an alert, oldest first. */
  attempts(id: string): Promise<AlertAttempt[]>;
  /** Puts a failed alert back in the queue, due at `now`, with a fresh attempt budget; `null` unless it was failed. */
  requeueFailed(id: string, now: Date): Promise<AlertDoc | null>;
  /** The owner's alerts that ended `failed` in `[from, to)`, newest first (the digest lists them). */
  failedBetween(ownerId: string, from: Date, to: Date, limit: number): Promise<AlertDoc[]>;
}

export interface LeaseRepository {
  /** Takes the lease if it is free (new, or expired at `now`); `true` when `holder` has it until `until`. */
  acquire(name: string, holder: string, now: Date, until: Date): Promise<boolean>;
  /** Moves the lease's end, only while `holder` holds it; `false` otherwise. */
  extend(name: string, holder: string, until: Date): Promise<boolean>;
}

/** The counts of one day x survey x plan (`plan` `unknown` when the answer named none). */
export interface DayCounts {
  day: string;
  projectKey: string;
  surveyId: string;
  kind: SurveyKind;
  productArea: string;
  plan: string;
  responses: number;
  comments: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Score (0-10) -> answers with it. */
  scores: Record<string, number>;
  /** Reason id -> answers that gave it. */
  reasons: Record<string, number>;
}

/** The displays of one day x survey, by event. */
export interface DisplayDayCounts {
  day: string;
  projectKey: string;
  surveyId: string;
  shown: number;
  dismissed: number;
  snoozed: number;
}

export interface ReportFilter {
  /** `[from, to)`, UTC days `YYYY-MM-DD`. */
  from: string;
  to: string;
  kinds?: SurveyKind[];
  surveyId?: string;
  productArea?: string;
  plan?: string;
}

export interface ReportRepository {
  /** The answers' day counters in the range: a few rows per day, never one per answer. */
  days(filter: ReportFilter): Promise<DayCounts[]>;
  /** The displays' day counters in the range (`kinds` and `plan` do not apply: a display has neither). */
  displayDays(filter: ReportFilter): Promise<DisplayDayCounts[]>;
}

/** What escalating an item writes, in one commit: its history entry and the secondary owner's alerts. */
export interface EscalationWrite {
  at: Date;
  change: Triage['history'][number];
  alerts: AlertDoc[];
}

/**
 * Escalation of feedback (survey answers and intake items alike) that its owner has not acknowledged: the
 * candidates on an index, and a marker set once, in the same commit as the alerts and the history entry, so
 * an item is escalated at most once however many collectors look.
 */
export interface EscalationRepository {
  /**
   * Routed items still `new`, never escalated, received before `before`; oldest first by (receivedAt, id),
   * strictly after `after`.
   */
  awaitingAcknowledgement(before: Date, limit: number, after?: Position): Promise<InboxEntry[]>;
  /**
   * Marks the item escalated, appends `change` to its triage history and enqueues `alerts`, all or nothing,
   * only while it is still `new` and not yet escalated; `false` (nothing written) otherwise.
   */
  escalate(id: string, write: EscalationWrite): Promise<boolean>;
  /** Items escalated in `[from, to)`, newest escalation first. */
  escalatedBetween(from: Date, to: Date, limit: number): Promise<InboxEntry[]>;
}

/** An issue or feature that feedback is linked to, keyed by its URL. */
export interface IssueDoc {
  url: string;
  title?: string;
  state: 'open' | 'closed';
  /** When the first item was linked to it (the list's "newest first"). */
  linkedAt: Date;
  updatedAt: Date;
  /** How many items are linked to it (the list's "most asked"). */
  asking: number;
}

/** One item linked to an issue, with who asks (copied from the item when it is linked). */
export interface IssueLinkDoc {
  itemId: string;
  url: string;
  at: Date;
  accountId?: string;
  accountName?: string;
  plan?: string;
}

/**
 * Issues and the items linked to them: an item links to at most one issue; an issue is kept by URL with its
 * title, its state and how many items ask for it, counted in the same commit as the link.
 */
export interface IssueRepository {
  /** Links the item (replacing the link it had), creating the issue, open, when it is new; answers the issue. */
  link(link: IssueLinkDoc, title?: string): Promise<IssueDoc>;
  /** Removes the item's link; answers it, `null` when there was none. */
  unlink(itemId: string): Promise<IssueLinkDoc | null>;
  byUrl(url: string): Promise<IssueDoc | null>;
  /**
   * Up to `limit` issues, newest first (linkedAt, url) or most asked first (asking, linkedAt, url), strictly
   * after `after` in that order (its `id` is the url; `rank` is the asking count, read when most asked first).
   */
  list(sort: 'newest' | 'asking', limit: number, after?: Position | RankedPosition): Promise<IssueDoc[]>;
  /** The items linked to the issue, newest link first, up to `limit`. */
  itemsOf(url: string, limit: number): Promise<IssueLinkDoc[]>;
  /** The item's link, if any. */
  linkOf(itemId: string): Promise<IssueLinkDoc | null>;
  /** Sets the issue's state and/or title; `null` when there is no such issue. */
  setState(url: string, change: { state?: IssueDoc['state']; title?: string }, at: Date): Promise<IssueDoc | null>;
}

/** Why an item's customer cannot be told (the item holds no consenting contact, or it was erased). */
export type TellRefusal = 'no-contact' | 'no-consent' | 'erased' | 'told';

/**
 * Contacts of intake items' customers, for closing the loop: telling a customer once that what they asked
 * for shipped (a marker set in the same commit as the check, with its history entry), and erasing a contact
 * by email, after which nothing is sent to it again (erased addresses are kept as hashes only).
 */
export interface ContactRepository {
  /**
   * Marks the intake item told, with `change` in its history, only while it holds a contact email that may
   * be contacted, not erased, and it was not told yet; `null` when there is no such item, else what stopped it.
   */
  markTold(itemId: string, at: Date, change: Triage['history'][number]): Promise<'marked' | TellRefusal | null>;
  /** Clears the marker of a message that could not be sent, with `change` (why) in the history; `false` when it was not marked. */
  unmarkTold(itemId: string, change: Triage['history'][number]): Promise<boolean>;
  /** When the item's customer was told, if ever. */
  toldAt(itemId: string): Promise<Date | null>;
  /**
   * Removes the address (any case) from every intake item whose contact or reporter it is, as
   * contact-erasure.ts says (contact and consent, reporter, the details and links naming it, and in the title
   * and text), with `change` in each one's history, and marks the address erased; answers how many items
   * held it.
   */
  erase(email: string, at: Date, change: Triage['history'][number]): Promise<number>;
  isErased(email: string): Promise<boolean>;
}

export interface ErasureCounts {
  responses: number;
  displays: number;
  alerts: number;
}

export interface Store {
  readonly engine: 'sqlite' | 'mongo';
  readonly responses: ResponseRepository;
  readonly items: ItemRepository;
  readonly displays: DisplayRepository;
  readonly alerts: AlertRepository;
  readonly leases: LeaseRepository;
  readonly reports: ReportRepository;
  readonly escalations: EscalationRepository;
  readonly settings: SettingsRepository;
  readonly issues: IssueRepository;
  readonly contacts: ContactRepository;
  /**
   * Erases a person (by user id): their responses, their displays and the alerts about their responses not
   * yet delivered. Report counts stay, anonymous.
   */
  eraseRespondent(userId: string): Promise<ErasureCounts>;
  /** Resolves when the store answers; rejects with a clear error when it cannot. */
  ping(): Promise<void>;
  /** Finishes pending writes and releases resources. */
  close(): Promise<void>;
}
