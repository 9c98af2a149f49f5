/**
 * The body of `GET /v1/projects/:key/surveys` and its validator: what the widget needs, nothing internal.
 */
import { hash } from 'node:crypto';
import type { HeedConfig, PublicSurveysBody } from '@heed/shared';
import { errors } from '../errors.ts';

/** The project's active surveys; throws HEED_ERR_UNKNOWN_PROJECT for a key not in the config. */
export function publicSurveys(config: HeedConfig, projectKey: string): PublicSurveysBody {
  const project = config.projects.find((candidate) => candidate.key === projectKey);
  if (!project) throw errors.unknownProject(projectKey);
  const surveys = config.surveys.filter((survey) => survey.project === projectKey && survey.active);
  return { project: { key: project.key, cooldownDays: project.cooldownDays }, surveys };
}

/** A project's survey list as sent without a `seen` record: its body, that body as JSON, and its ETag. */
export interface ProjectSurveys {
  body: PublicSurveysBody;
  json: string;
  etag: string;
}

/** The project's survey list by key; throws HEED_ERR_UNKNOWN_PROJECT for a key not in the config. */
export type PublicSurveysLookup = (projectKey: string) => ProjectSurveys;

/**
 * Every project's survey list, built once from the config (which does not change while the collector
 * runs): a page view that names no person is answered with bytes already serialised and hashed.
 */
export function publicSurveysLookup(config: HeedConfig): PublicSurveysLookup {
  const byKey = new Map<string, ProjectSurveys>();
  for (const project of config.projects) {
    const body = publicSurveys(config, project.key);
    const json = JSON.stringify(body);
    byKey.set(project.key, { body, json, etag: strongEtag(json) });
  }
  return (projectKey) => {
    const found = byKey.get(projectKey);
    if (!found) throw errors.unknownProject(projectKey);
    return found;
  };
}

/**
 * The survey lists of whatever config `current` answers now (the effective one, which changes when survey
 * settings do): rebuilt once per config object, so between changes a request still gets bytes already
 * serialised and hashed, and a change gives a new ETag.
 */
export function livePublicSurveysLookup(current: () => HeedConfig): PublicSurveysLookup {
  let builtFor: HeedConfig | undefined;
  let lookup: PublicSurveysLookup | undefined;
  return (projectKey) => {
    const config = current();
    if (config !== builtFor || !lookup) {
      lookup = publicSurveysLookup(config);
      builtFor = config;
    }
    return lookup(projectKey);
  };
}

/**
 * The list with a person's `seen` record: the JSON of `{ ...body, seen }`, made as the project's serialised
 * list (an object) with one member added, so a page view serialises only the few timestamps it adds; and
 * its validator, the hash of the list's own validator and of the added member, which together fix the
 * exact bytes sent, so it is as strong as hashing them all.
 */
export function withSeen(list: ProjectSurveys, seen: NonNullable<PublicSurveysBody['seen']>): { json: string; etag: string } {
  const member = `,"seen":${JSON.stringify(seen)}`;
  return { json: `${list.json.slice(0, -1)}${member}}`, etag: strongEtag(`${list.etag}${member}`) };
}

/** A strong validator: the hash of the exact bytes sent. */
export function strongEtag(payload: string): string {
  return `"${hash('sha256', payload, 'base64url').slice(0, 27)}"`;
}

/** True when an `If-None-Match` header names `etag` (or is `*`); weak comparison, as RFC 9110 asks for GET. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

/** Browsers may reuse the list for a minute; the ETag makes revalidation cheap. */
export const SURVEYS_CACHE_CONTROL = 'private, max-age=60';
