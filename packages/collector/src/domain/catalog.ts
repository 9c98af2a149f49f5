/**
 * The config's projects, surveys, owners and reason labels as maps, built once per config object (and
 * cached for it), so a request looks them up instead of scanning the config's arrays.
 */
import type { HeedConfig, Owner, Project, Survey } from '@heed/shared';
import { errors } from '../errors.ts';

export type ReasonKind = 'cancel' | 'uninstall';

export interface Catalog {
  readonly config: HeedConfig;
  /** The project; `errors.unknownProject` when the config has none with that key. */
  project(key: string): Project;
  /** The project's survey; `errors.unknownProject` / `errors.unknownSurvey` when there is none. */
  survey(projectKey: string, surveyId: string): Survey;
  /** The project's survey, if the config still has it. */
  findSurvey(projectKey: string, surveyId: string): Survey | undefined;
  /** The survey with that id in any project, if any (reports and alerts name surveys by id alone). */
  surveyById(surveyId: string): Survey | undefined;
  owner(id: string): Owner | undefined;
  /** Reason id -> label, from the first survey of the kind that names it. */
  reasonLabels(kind: ReasonKind): ReadonlyMap<string, string>;
}

const built = new WeakMap<HeedConfig, Catalog>();

/** The catalog of `config`, built on first use and kept as long as the config object lives. */
export function catalogOf(config: HeedConfig): Catalog {
  let catalog = built.get(config);
  if (!catalog) built.set(config, (catalog = buildCatalog(config)));
  return catalog;
}

function buildCatalog(config: HeedConfig): Catalog {
  const projects = new Map(config.projects.map((project) => [project.key, project]));
  const surveys = new Map(config.surveys.map((survey) => [`${survey.project}\n${survey.id}`, survey]));
  const surveysById = new Map<string, Survey>();
  for (const survey of config.surveys) if (!surveysById.has(survey.id)) surveysById.set(survey.id, survey);
  const owners = new Map(config.owners.map((owner) => [owner.id, owner]));
  const labels: Record<ReasonKind, Map<string, string>> = { cancel: new Map(), uninstall: new Map() };
  for (const survey of config.surveys) {
    if (survey.kind === 'nps' || survey.kind === 'csat') continue;
    for (const reason of survey.reasons) if (!labels[survey.kind].has(reason.id)) labels[survey.kind].set(reason.id, reason.label);
  }

  return {
    config,
    project(key) {
      const project = projects.get(key);
      if (!project) throw new errors.unknownProject(key);
      return project;
    },
    survey(projectKey, surveyId) {
      this.project(projectKey);
      const survey = surveys.get(`${projectKey}\n${surveyId}`);
      if (!survey) throw new errors.unknownSurvey(surveyId, projectKey);
      return survey;
    },
    findSurvey: (projectKey, surveyId) => surveys.get(`${projectKey}\n${surveyId}`),
    surveyById: (surveyId) => surveysById.get(surveyId),
    owner: (id) => owners.get(id),
    reasonLabels: (kind) => labels[kind],
  };
}
