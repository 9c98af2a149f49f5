/**
 * The config as the console reads it (`GET /v1/catalog`): surveys with their kind, product area and reasons
 * (id and label), owners by id and name only (their webhook URLs, secrets and addresses stay on the server),
 * feedback types, and the sources an item can come from.
 */
import type { FeedbackSource, HeedConfig } from '@heed/shared';

export interface CatalogView {
  surveys: { id: string; project: string; kind: string; productArea: string; reasons: { id: string; label: string }[] }[];
  owners: { id: string; name: string }[];
  feedbackTypes: { id: string; label: string }[];
  sources: FeedbackSource[];
}

export function catalogResponse(config: HeedConfig, sources: readonly FeedbackSource[]): CatalogView {
  return {
    surveys: config.surveys.map((survey) => ({
      id: survey.id,
      project: survey.project,
      kind: survey.kind,
      productArea: survey.productArea,
      reasons: 'reasons' in survey && Array.isArray(survey.reasons) ? survey.reasons.map((reason: { id: string; label: string }) => ({ id: reason.id, label: reason.label })) : [],
    })),
    owners: config.owners.map((owner) => ({ id: owner.id, name: owner.name })),
    feedbackTypes: config.feedbackTypes.map((type) => ({ id: type.id, label: type.label })),
    sources: [...sources],
  };
}
