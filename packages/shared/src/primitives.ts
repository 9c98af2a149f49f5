import { z } from 'zod';

/** Identifiers used in config and URLs: lowercase slugs. */
export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a lowercase slug (a-z, 0-9, "-"), at most 64 characters');

/** Public project keys, embedded in host pages: `pk_` and a slug-ish tail. */
export const ProjectKeySchema = z
  .string()
  .regex(/^pk_[A-Za-z0-9_-]{1,64}$/, 'must look like "pk_" followed by letters, digits, "_" or "-"');

/** An absolute http(s) URL. */
export const HttpUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' });

/** A browser origin: scheme, host and optional port, nothing else (`https://app.example.com`). */
export const OriginSchema = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
    } catch {
      return false;
    }
  },
  { error: 'must be an origin such as "https://app.example.com" (no path, no trailing slash)' },
);

/** Customer plan segment: hosted SaaS or self-managed installs. */
export const PlanSchema = z.enum(['saas', 'self-managed']);
export type Plan = z.infer<typeof PlanSchema>;

export const NpsCategorySchema = z.enum(['promoter', 'passive', 'detractor']);

/** A calendar date `YYYY-MM-DD`. */
export const IsoDateSchema = z.iso.date();
