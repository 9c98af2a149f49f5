/**
 * Zod issues as one readable line each, naming the field: `body.answers.score: Too big: expected number to
 * be <=10`. Used by both HTTP faces and by the config loader, so every validation message reads the same.
 */
import type { z } from 'zod';

/** `['routes', 0, 'owner']` -> `routes[0].owner`. */
export function formatPath(path: readonly PropertyKey[], root = ''): string {
  let out = root;
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** One line per issue, `path: message`; an issue on the root itself is named by `root` alone. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], root = ''): string[] {
  return issues.map((issue) => {
    const path = formatPath(issue.path, root);
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
}
