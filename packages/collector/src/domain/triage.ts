/**
 * Triage of a response by a PM: status, owner, linked issue, tags. Every effective change is kept in the
 * response's history with its time and actor, and a newly assigned owner is alerted like a routed one.
 */
import { randomUUID } from 'node:crypto';
import type { Triage, TriagePatch } from '@heed/shared';
import { errors } from '../errors.ts';
import type { ResponseDoc } from '../store/store.ts';
import { enqueueAlerts } from './enqueue-alerts.ts';
import type { IngestDeps } from './ingest.ts';

export type TriageDeps = Omit<IngestDeps, 'config'> & { config: Pick<IngestDeps['config'], 'owners'> };

const ATTEMPTS = 3;

/** Applies `patch`; resolves to the response as it is afterwards. Unknown id -> `errors.notFound`. */
export async function updateTriage(deps: TriageDeps, id: string, patch: TriagePatch, actor: string): Promise<ResponseDoc> {
  const newOwner = patch.owner === undefined ? undefined : deps.config.owners.find((o) => o.id === patch.owner);
  if (patch.owner !== undefined && !newOwner) {
    throw new errors.validation(`owner: "${patch.owner}" is not one of the configured owners`);
  }
  const responses = deps.store.collection('responses');
  // Optimistic concurrency: the update applies only if the fields it changes still hold what was read, so
  // the history's "from" values are true; on a race, read again and retry.
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const current = await responses.findOne({ _id: id });
    if (!current) throw new errors.notFound(`response "${id}"`);
    const updatedTriage = applyPatch(current.triage, patch);
    const changes = triageChanges(current, updatedTriage);
    if (Object.keys(changes).length === 0) return current;

    const now = deps.clock();
    const $set: Record<string, unknown> = {};
    const $unset: Record<string, ''> = {};
    const unchanged: Record<string, unknown> = { _id: id };
    for (const field of Object.keys(changes) as (keyof Triage)[]) {
      const path = `triage.${field}`;
      const before = current.triage[field];
      const after = updatedTriage[field];
      if (after === undefined) $unset[path] = '';
      else $set[path] = after;
      unchanged[path] = before === undefined ? { $exists: false } : before;
    }
    const updated = await responses.findOneAndUpdate(unchanged, {
      ...(Object.keys($set).length > 0 && { $set }),
      ...(Object.keys($unset).length > 0 && { $unset }),
      $push: { 'triage.history': { at: now, actor, changes } },
    });
    if (!updated) continue;
    if (newOwner && changes.owner) {
      await enqueueAlerts(deps.store, id, newOwner, deps.channels ?? { email: false }, now, deps.newId ?? randomUUID);
    }
    return updated;
  }
  throw new errors.conflict(`response "${id}" is being triaged by someone else; try again`);
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
 * What differs between the response's triage and `after`, field by field, as history records it: `null`
 * for "none", and the routed owner as the owner before the first reassignment.
 */
function triageChanges(response: ResponseDoc, after: Triage): Partial<Record<keyof Triage, Change>> {
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
