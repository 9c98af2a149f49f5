/**
 * Helpdesk and CRM case events (a case closed with its Feedback Type and Feedback) as drafts. The sender's
 * JSON is read through the config's `fieldMap` (case field -> dot path, `"caseOwner": "Owner.Name"`); a
 * field not mapped is read from the top-level key of its own name, so a sender that can shape its body
 * (Zendesk) needs no map at all. The case's own facts stay in `details`.
 */
import type { CaseField, FeedbackDraftInput, HeedConfig } from '@heed/shared';
import { findFeedbackType } from '../domain/intake.ts';

export type CaseStep = { kind: 'take'; draft: FeedbackDraftInput } | { kind: 'invalid'; message: string };

/** The value at a dot path (`Owner.Name`, `ticket.custom_fields.0.value`), if it is a string, number or boolean. */
export function valueAt(json: unknown, path: string): string | undefined {
  let value: unknown = json;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Plan names CRMs use, as Heed's plans. */
function planOf(value: string | undefined): 'saas' | 'self-managed' | undefined {
  if (value === undefined) return undefined;
  const plan = value.toLowerCase().replace(/[\s_]+/g, '-');
  if (['saas', 'cloud', 'hosted'].includes(plan)) return 'saas';
  if (['self-managed', 'self-hosted', 'on-prem', 'on-premise', 'on-premises', 'server'].includes(plan)) return 'self-managed';
  return undefined;
}

const DETAIL_FIELDS = ['caseId', 'status', 'caseType', 'caseOwner', 'region', 'subject', 'description', 'resolutionAction', 'feedbackType'] as const satisfies readonly CaseField[];

/** The draft for a case event; `invalid` names the field (and where the map says to find it) when one is missing or wrong. */
export function caseDraft(json: unknown, config: HeedConfig): CaseStep {
  const cases = config.intake.cases;
  const map = cases?.fieldMap ?? {};
  const pathOf = (field: CaseField) => map[field] ?? field;
  const read = (field: CaseField) => valueAt(json, pathOf(field));
  const named = (field: CaseField) => (pathOf(field) === field ? `body.${field}` : `body.${pathOf(field)} (${field})`);

  if (json === null || typeof json !== 'object' || Array.isArray(json)) return { kind: 'invalid', message: 'body: must be a JSON object' };
  const caseId = read('caseId');
  if (caseId === undefined) return { kind: 'invalid', message: `${named('caseId')}: required` };
  const feedback = read('feedback');
  if (feedback === undefined) return { kind: 'invalid', message: `${named('feedback')}: required (the case's Feedback text)` };

  const typeValue = read('feedbackType');
  let feedbackType = cases?.feedbackType;
  if (typeValue !== undefined) {
    feedbackType = findFeedbackType(config, typeValue);
    if (feedbackType === undefined) {
      const known = config.feedbackTypes.map((type) => `"${type.label}"`).join(', ');
      return { kind: 'invalid', message: `${named('feedbackType')}: unknown feedback type "${typeValue}"; expected one of ${known}` };
    }
  }
  const planValue = read('plan');
  const plan = planOf(planValue);
  if (planValue !== undefined && plan === undefined) return { kind: 'invalid', message: `${named('plan')}: "${planValue}" is neither SaaS nor self-managed` };

  const details: Record<string, string> = {};
  for (const field of DETAIL_FIELDS) {
    const value = read(field);
    if (value !== undefined) details[field] = value.slice(0, 5000);
  }
  const url = read('url');
  const subject = read('subject');
  const owner = read('caseOwner');
  const ownerEmail = read('caseOwnerEmail');
  const accountId = read('accountId');
  const accountName = read('accountName');
  const region = read('region');
  const contactEmail = read('contactEmail');
  const productArea = read('productArea');
  const closedAt = read('closedAt');
  return {
    kind: 'take',
    draft: {
      source: 'case',
      sourceId: caseId,
      ...(feedbackType !== undefined && { feedbackType }),
      ...(productArea !== undefined && { productArea }),
      ...(subject !== undefined && { title: subject.slice(0, 500) }),
      text: feedback,
      customer: {
        ...(accountId !== undefined && { accountId }),
        ...(accountName !== undefined && { accountName }),
        ...(plan !== undefined && { plan }),
        ...(region !== undefined && { region }),
        ...(contactEmail !== undefined && { contactEmail }),
      },
      ...((owner !== undefined || ownerEmail !== undefined) && {
        reporter: { ...(owner !== undefined && { name: owner }), ...(ownerEmail !== undefined && { email: ownerEmail }) },
      }),
      links: url !== undefined ? [{ rel: 'case', url, title: subject ? `Case ${caseId}: ${subject}`.slice(0, 500) : `Case ${caseId}` }] : [],
      ...(closedAt !== undefined && { occurredAt: closedAt }),
      details,
    },
  };
}
