/**
 * The Routes view's editing: what `GET /v1/routing` answers, the form state built from it, and the body of
 * `PUT /v1/routing`. A part is sent when it was edited here or already comes from the console, so saving one
 * part never pins the others to today's file.
 */
import type { FeedbackType, Route, RouteWhen, Rotation, RoutingPart } from '@heed/shared';

export interface OwnerView {
  id: string;
  name: string;
  email?: string;
  slackWebhookUrl?: string;
  webhookUrl?: string;
  timeZone?: string;
  hasWebhookSecret: boolean;
}

export interface RoutingParts {
  owners: OwnerView[];
  routes: Route[];
  rotation: Rotation | null;
  feedbackTypes: FeedbackType[];
}

export interface RoutingChangeView {
  version: number;
  at: string;
  actor: string;
}

export interface RoutingView extends RoutingParts {
  version: number;
  sources: Record<RoutingPart, 'file' | 'console'>;
  file: RoutingParts;
  surveys: { id: string; kind: string; productArea: string }[];
  choices: { kinds: string[]; plans: string[]; categories: string[]; sources: string[] };
  change?: RoutingChangeView;
  ignored?: string;
}

/** An owner as edited: text fields as typed (empty: not set); a secret typed here, or empty to keep the one set. */
export interface OwnerDraft {
  id: string;
  name: string;
  email: string;
  slackWebhookUrl: string;
  webhookUrl: string;
  webhookSecret: string;
  timeZone: string;
  hasWebhookSecret: boolean;
}

export interface RoutingForm {
  owners: OwnerDraft[];
  routes: Route[];
  rotation: Rotation | null;
  feedbackTypes: FeedbackType[];
  edited: RoutingPart[];
}

export const draftOf = (owner: OwnerView): OwnerDraft => ({
  id: owner.id,
  name: owner.name,
  email: owner.email ?? '',
  slackWebhookUrl: owner.slackWebhookUrl ?? '',
  webhookUrl: owner.webhookUrl ?? '',
  webhookSecret: '',
  timeZone: owner.timeZone ?? '',
  hasWebhookSecret: owner.hasWebhookSecret,
});

export const routingFormOf = (view: RoutingParts): RoutingForm => ({
  owners: view.owners.map(draftOf),
  routes: view.routes,
  rotation: view.rotation,
  feedbackTypes: view.feedbackTypes,
  edited: [],
});

/** The form with `part` set to `value`, marked edited. */
export function edit<P extends RoutingPart>(form: RoutingForm, part: P, value: RoutingForm[P]): RoutingForm {
  return { ...form, [part]: value, edited: form.edited.includes(part) ? form.edited : [...form.edited, part] };
}

const set = (value: string) => {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};

/** The owner as `PUT /v1/routing` takes it: fields left empty unset, the secret only when one was typed. */
export function ownerBody(draft: OwnerDraft): Record<string, string> {
  const fields = {
    id: draft.id.trim(),
    name: draft.name.trim(),
    email: set(draft.email),
    slackWebhookUrl: set(draft.slackWebhookUrl),
    webhookUrl: set(draft.webhookUrl),
    webhookSecret: set(draft.webhookSecret),
    timeZone: set(draft.timeZone),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Record<string, string>;
}

/** The body of `PUT /v1/routing`: every part edited here or already from the console. */
export function routingBody(form: RoutingForm, sources: RoutingView['sources']): Record<string, unknown> {
  const send = (part: RoutingPart) => form.edited.includes(part) || sources[part] === 'console';
  return {
    ...(send('owners') && { owners: form.owners.map(ownerBody) }),
    ...(send('routes') && { routes: form.routes }),
    ...(send('rotation') && { rotation: form.rotation }),
    ...(send('feedbackTypes') && { feedbackTypes: form.feedbackTypes }),
  };
}

/** A rule's conditions with `field` set to `value` (empty: the condition removed). */
export function withCondition(when: RouteWhen, field: keyof RouteWhen, value: string): RouteWhen {
  const { [field]: _removed, ...rest } = when;
  const trimmed = value.trim();
  if (trimmed === '') return rest;
  if (field === 'keywordsAny') {
    const words = trimmed.split(',').map((word) => word.trim()).filter((word) => word !== '');
    return words.length === 0 ? rest : { ...rest, keywordsAny: words };
  }
  return { ...rest, [field]: trimmed } as RouteWhen;
}

/** `items` with the one at `index` moved by `by` places (kept within the list). */
export function moved<T>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  if (target < 0 || target >= items.length) return [...items];
  const copy = [...items];
  [copy[index], copy[target]] = [copy[target] as T, copy[index] as T];
  return copy;
}
