/**
 * Taking in feedback from the intake paths (email, Slack, GitHub, cases, `POST /v1/feedback`, CSV imports):
 * a draft is checked against the config, routed by the same first-match rules as survey answers, and stored
 * with its owner's alerts in one write. The same original (source + source id) again stores nothing and
 * answers the first item's id. Later changes to an original (a GitHub issue relabelled or closed) are
 * revisions of its item.
 */
import type { FeedbackDraft, HeedConfig, IntakeSource } from '@heed/shared';
import type { Clock } from '../clock.ts';
import { errors } from '../errors.ts';
import type { AlertDoc, ItemDoc, ItemRevision, Store } from '../store/store.ts';
import { catalogOf } from './catalog.ts';
import { ownerAlerts, type ChannelSettings } from './enqueue-alerts.ts';
import { routeItem } from './routing.ts';
import { timeOrderedId } from './ids.ts';

export interface IntakeDeps {
  store: Store;
  config: HeedConfig;
  clock: Clock;
  /** Which channels alerts are enqueued for; default: no email (it needs an SMTP transport). */
  channels?: ChannelSettings;
  /** Ids for items and alerts; default random UUIDs. */
  newId?: () => string;
}

export interface IntakeResult {
  id: string;
  duplicate: boolean;
}

/**
 * Throws a validation error naming the field when the draft's feedback type is not one of the config's.
 * `field` is how the caller names it (`body.feedbackType`, `row 3: Feedback Type`).
 */
export function assertFeedbackType(config: HeedConfig, feedbackType: string | undefined, field = 'feedbackType'): void {
  if (feedbackType === undefined || config.feedbackTypes.some((type) => type.id === feedbackType)) return;
  const known = config.feedbackTypes.map((type) => `"${type.id}"`).join(', ');
  throw new errors.validation(`${field}: unknown feedback type "${feedbackType}"; expected one of ${known}`);
}

/** The feedback type with that id or label (case-insensitive), as CRMs send labels ("Case Logic"). */
export function findFeedbackType(config: HeedConfig, idOrLabel: string): string | undefined {
  const wanted = idOrLabel.trim().toLowerCase();
  return config.feedbackTypes.find((type) => type.id === wanted || type.label.toLowerCase() === wanted)?.id;
}

/** Routes and stores one draft with its alerts; a repeat of the same original answers `duplicate: true`. */
export async function takeInFeedback(deps: IntakeDeps, draft: FeedbackDraft): Promise<IntakeResult> {
  const { store, config, clock, newId = timeOrderedId } = deps;
  assertFeedbackType(config, draft.feedbackType);
  const receivedAt = clock();
  const routing = routeItem(
    config,
    {
      source: draft.source,
      text: draft.text,
      ...(draft.title !== undefined && { title: draft.title }),
      ...(draft.feedbackType !== undefined && { feedbackType: draft.feedbackType }),
      ...(draft.productArea !== undefined && { productArea: draft.productArea }),
      ...(draft.customer.plan !== undefined && { plan: draft.customer.plan }),
      ...(draft.customer.region !== undefined && { region: draft.customer.region }),
    },
    receivedAt,
  );
  const item: ItemDoc = {
    ...draft,
    _id: newId(),
    occurredAt: draft.occurredAt ?? receivedAt,
    receivedAt,
    routing,
    triage: { status: 'new', tags: [], history: [] },
  };
  const owner = routing.status === 'routed' && routing.owner !== undefined ? catalogOf(config).owner(routing.owner) : undefined;
  const alerts: AlertDoc[] = owner ? ownerAlerts(item._id, owner, deps.channels ?? { email: false }, receivedAt, newId) : [];
  return store.items.record(item, alerts);
}

/** Applies a later change to the item of an original; `null` when that original was never taken in. */
export async function reviseFeedback(
  deps: Pick<IntakeDeps, 'store'>,
  source: IntakeSource,
  sourceId: string,
  revision: ItemRevision,
): Promise<ItemDoc | null> {
  return deps.store.items.revise(source, sourceId, revision);
}
