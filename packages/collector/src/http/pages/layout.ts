/**
 * The frame of every HTML page the collector serves (hosted surveys, demo pages). Pages carry no inline
 * script or style, so the strict Content-Security-Policy below holds for all of them.
 */
import type { FastifyReply } from 'fastify';
import { html, type SafeHtml } from './html.ts';

export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  // base-uri and form-action do not fall back to default-src; object-src 'none' refuses plugins even from here.
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface PageOptions {
  title: string;
  body: SafeHtml;
  lang?: string;
  dir?: 'ltr' | 'rtl';
  stylesheets?: string[];
  /** Module scripts, loaded from the collector's own origin. */
  scripts?: string[];
  /** Extra `<head>` content (meta tags). */
  head?: SafeHtml;
}

export function page({ title, body, lang = 'en', dir = 'ltr', stylesheets = [], scripts = [], head }: PageOptions): string {
  return `<!doctype html>\n${html`<html lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title}</title>
${stylesheets.map((href) => html`<link rel="stylesheet" href="${href}">\n`)}${head}${scripts.map((src) => html`<script type="module" src="${src}"></script>\n`)}</head>
<body>
${body}
</body>
</html>
`}`;
}

/** Sends a page with the strict policy and headers that keep it from being framed or leaking its URL. */
export function sendPage(reply: FastifyReply, statusCode: number, document: string): FastifyReply {
  return reply
    .status(statusCode)
    .header('Content-Security-Policy', PAGE_CSP)
    .header('Referrer-Policy', 'no-referrer')
    .header('Cache-Control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(document);
}
