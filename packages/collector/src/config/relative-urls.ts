/**
 * URLs in the config file relative to the collector itself: an owner's `webhookUrl` or `slackWebhookUrl`
 * may be a path (`/demo/inbox/pm-editor`), resolved against `publicUrl`, or, when the file sets none,
 * against the address the collector listens on, which then also becomes `publicUrl`. So a config that
 * points at the collector's own routes (the demo's) follows `PORT` instead of repeating it.
 * Runs on the raw file, before validation, so the schema sees absolute URLs only.
 */
const OWNER_URL_FIELDS = ['webhookUrl', 'slackWebhookUrl'] as const;

/** A problem with one field, reported like schema issues: by its path in the file. */
export interface RelativeUrlIssue {
  path: string;
  message: string;
}

export function resolveRelativeUrls(raw: unknown, listenUrl: string | undefined): { config: unknown; issues: RelativeUrlIssue[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { config: raw, issues: [] };
  const file = raw as Record<string, unknown>;
  const owners = Array.isArray(file.owners) ? file.owners : [];
  const relative = (value: unknown): value is string => typeof value === 'string' && value.startsWith('/') && !value.startsWith('//');
  const uses = owners.some((owner) => typeof owner === 'object' && owner !== null && OWNER_URL_FIELDS.some((field) => relative((owner as Record<string, unknown>)[field])));
  if (!uses) return { config: raw, issues: [] };

  const base = typeof file.publicUrl === 'string' ? file.publicUrl : listenUrl;
  const issues: RelativeUrlIssue[] = [];
  const resolved = owners.map((owner, index) => {
    if (typeof owner !== 'object' || owner === null) return owner;
    const copy = { ...(owner as Record<string, unknown>) };
    for (const field of OWNER_URL_FIELDS) {
      const value = copy[field];
      if (!relative(value)) continue;
      if (base === undefined) {
        issues.push({ path: `owners[${index}].${field}`, message: `"${value}" is relative: set publicUrl, or a PORT other than 0, to resolve it against` });
        continue;
      }
      try {
        copy[field] = new URL(value, base).href;
      } catch {
        continue; // publicUrl itself is malformed: the schema says so
      }
    }
    return copy;
  });
  return { config: { ...file, publicUrl: file.publicUrl ?? base, owners: resolved }, issues };
}
