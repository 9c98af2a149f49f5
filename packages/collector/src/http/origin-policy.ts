/**
 * Which browser origins may call the public API: a project's `allowedOrigins`. Requests without an Origin
 * header (servers, some beacons) and requests from the collector's own pages (the hosted survey page, the
 * demo) are not cross-origin and need no permission.
 */
import type { HeedConfig } from '@heed/shared';
import { errors } from '../errors.ts';

/** The origins allowed for one project; `undefined` for an unknown project. */
export function projectOrigins(config: HeedConfig, projectKey: string): readonly string[] | undefined {
  return config.projects.find((project) => project.key === projectKey)?.allowedOrigins;
}

/** Every origin some project allows: what a preflight, which names no project, may be answered for. */
export function anyProjectOrigins(config: HeedConfig): string[] {
  return [...new Set(config.projects.flatMap((project) => project.allowedOrigins))];
}

/** The origins each project allows, and every origin some project allows: CORS decisions as one lookup. */
export interface OriginSets {
  anyProject: ReadonlySet<string>;
  byProject: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Built once from the config, so no request walks the projects or their origin lists. */
export function originSets(config: HeedConfig): OriginSets {
  return {
    anyProject: new Set(anyProjectOrigins(config)),
    byProject: new Map(config.projects.map((project) => [project.key, new Set(project.allowedOrigins)])),
  };
}

/** True when `origin` is the collector's own (its host as the request names it, whatever the scheme). */
export function isOwnOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * Refuses a cross-origin write to a project that does not allow that origin. Unknown projects pass: the
 * domain answers those with HEED_ERR_UNKNOWN_PROJECT.
 */
export function assertOriginAllowed(origins: OriginSets, projectKey: string, origin: string | undefined, host: string | undefined): void {
  if (origin === undefined) return;
  const allowed = origins.byProject.get(projectKey);
  if (allowed && !allowed.has(origin) && !isOwnOrigin(origin, host)) throw errors.origin(origin, projectKey);
}
