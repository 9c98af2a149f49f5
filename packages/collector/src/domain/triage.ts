/**
 * Triage by a PM of a response or an intake item (the same logic for both): status, owner, linked issue,
 * tags. Every effective change is kept in the subject's history with its time and actor, and a newly assigned owner is alerted like a routed one (the
 * alerts are stored with the change, in one write).
 */
import type { HeedConfig, Routing, Triage, TriagePatch } from '@heed/shared';
import { errors } from '../errors.ts';
import type { ItemDoc, ResponseDoc, TriageUpdate } from '../store/store.ts';
import { catalogOf } from './catalog.ts';
import { ownerAlerts } from './enqueue-alerts.ts';
import type { IngestDeps } from './ingest.ts';
import { timeOrderedId } from './ids.ts';

export type TriageDeps = Omit<IngestDeps, 'config'> & { config: HeedConfig };

const ATTEMPTS = 3;

/** What triage reads and writes of a subject (a response, an intake item). */
interface TriageSubject {
  triage: Triage;
  routing: Routing;
}

/** Where subjects of one kind are read and their triage changed, and what errors call them. */
interface TriageTarget<T extends TriageSubject> {
  noun: string;
  get(id: string): Promise<T | null>;
  update(id: string, update: TriageUpdate): Promise<T | null | 'conflict'>;
}

/** Applies `patch` to a response; resolves to the response as it is afterwards. Unknown id -> `errors.notFound`. */
export function updateTriage(deps: TriageDeps, id: string, patch: TriagePatch, actor: string): Promise<ResponseDoc> {
  const { responses } = deps.store;
  return triage(deps, { noun: 'response', get: (key) => responses.get(key), update: (key, update) => responses.updateTriage(key, update) }, id, patch, actor);
}

/** Applies `patch` to an intake item, as `updateTriage` does to a response (history, a new owner's alerts). */
export function updateItemTriage(deps: TriageDeps, id: string, patch: TriagePatch, actor: string): Promise<ItemDoc> {
  const { items } = deps.store;
  return triage(deps, { noun: 'item', get: (key) => items.get(key), update: (key, update) => items.updateTriage(key, update) }, id, patch, actor);
}

async function triage<T extends TriageSubject>(deps: TriageDeps, target: TriageTarget<T>, id: string, patch: TriagePatch, actor: string): Promise<T> {
  const newOwner = patch.owner === undefined ? undefined : catalogOf(deps.config).owner(patch.owner);
  if (patch.owner !== undefined && !newOwner) {
    throw new errors.validation(`owner: "${patch.owner}" is not one of the configured owners`);
  }
  // Optimistic concurrency: the store applies the change only if the triage still is what was read, so the
  // history's "from" values are true; on a race, read again and retry.
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const current = await target.get(id);
    if (!current) throw new errors.notFound(`${target.noun} "${id}"`);
    const { history: _history, ...next } = applyPatch(current.triage, patch);
    const changes = triageChanges(current, { ...next, history: current.triage.history });
    if (Object.keys(changes).length === 0) return current;

    const now = deps.clock();
    const alerts =
      newOwner && changes.owner ? ownerAlerts(id, newOwner, deps.channels ?? { email: false }, now, deps.newId ?? timeOrderedId) : [];
    const updated = await target.update(id, {
      expected: current.triage,
      next,
      change: { at: now, actor, changes },
      alerts,
    });
    if (updated === null) throw new errors.notFound(`${target.noun} "${id}"`);
    if (updated !== 'conflict') return updated;
  }
  throw new errors.conflict(`${target.noun} "${id}" is being triaged by someone else; try again`);
}

/** The triage after `patch`: `issueUrl: null` removes the link, tags are de-duplicated. */
function applyPatch(triage: Triage, patch: TriagePatch): Triage {
  const owner = patch.owner ?? triage.owner;
  const issueUrl = patch.issueUrl === undefined ? triage.issueUrl : (patch.issueUrl ?? undefined);
  return {
    status: patch.status ?? triage.status,
    ...(owner !== undefined && { owner }),
    ...(issueUrl !== undefined && { issueUrl }),
    tags: [...new Set(patch.tags ?? triage.tags)],
    history: triage.history,
  };
}

type Change = { from: unknown; to: unknown };

/**
 * What differs between the subject's triage and `after`, field by field, as history records it: `null`
 * for "none", and the routed owner as the owner before the first reassignment.
 */
function triageChanges(response: TriageSubject, after: Triage): Partial<Record<keyof Triage, Change>> {
  const before = response.triage;
  const changes: Partial<Record<keyof Triage, Change>> = {};
  if (after.status !== before.status) changes.status = { from: before.status, to: after.status };
  if (after.owner !== before.owner && after.owner !== (before.owner ?? response.routing.owner)) {
    changes.owner = { from: before.owner ?? response.routing.owner ?? null, to: after.owner ?? null };
  }
  if (after.issueUrl !== before.issueUrl) changes.issueUrl = { from: before.issueUrl ?? null, to: after.issueUrl ?? null };
  if (after.tags.join('\n') !== before.tags.join('\n')) changes.tags = { from: before.tags, to: after.tags };
  return changes;
}
