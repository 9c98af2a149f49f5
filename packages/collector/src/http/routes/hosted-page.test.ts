import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PAGE_CSP } from '../pages/layout.ts';
import { buildTestApp, type TestApp } from '../test-support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

/** The JSON inside `<script type="application/json" id="heed-survey-data">`. */
function surveyData(page: string): Record<string, unknown> {
  const match = /<script type="application\/json" id="heed-survey-data">([^<]*)<\/script>/.exec(page);
  expect(match).not.toBeNull();
  return JSON.parse(match![1]!);
}

describe('GET /s/:surveyId', () => {
  it('serves a standalone page under a strict policy, with the survey and its context as inert JSON', async () => {
    const res = await t.app.inject({ url: '/s/extension-exit?installId=i-123&version=1.2.3&locale=fr-CA&utm_source=store' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(PAGE_CSP).toContain("script-src 'self'");
    expect(PAGE_CSP).toContain("frame-ancestors 'none'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const page = res.body;
    expect(page).toContain('<html lang="fr-CA" dir="ltr">');
    expect(page).toContain('<main id="heed-hosted"></main>');
    expect(page).toContain('<script type="module" src="/widget/hosted.js"></script>');
    // Nothing inline runs or styles: every executable script has a src, no style attributes, no other origins.
    expect(page.match(/<script(?![^>]*(src=|type="application\/json"))/g)).toBeNull();
    expect(page).not.toMatch(/\sstyle=/);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);

    const data = surveyData(page);
    expect(data).toMatchObject({
      endpoint: '',
      projectKey: 'pk_test',
      survey: { id: 'extension-exit', kind: 'uninstall', reasons: expect.any(Array) },
      context: { installId: 'i-123', extensionVersion: '1.2.3', locale: 'fr-CA' },
    });
    expect(data.context).not.toHaveProperty('utm_source');
  });

  it('serves its stylesheet from the collector', async () => {
    const css = await t.app.inject({ url: '/assets/hosted.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.headers['cache-control']).toBe('public, max-age=300');
  });

  it('sets the direction of right-to-left locales and prefers extensionVersion', async () => {
    const res = await t.app.inject({ url: '/s/extension-exit?locale=ar&extensionVersion=2.0.0&version=1.0.0&plan=saas' });
    expect(res.body).toContain('<html lang="ar" dir="rtl">');
    expect(surveyData(res.body).context).toEqual({ extensionVersion: '2.0.0', locale: 'ar', plan: 'saas' });
  });

  it('keeps a </script> in a parameter inside the JSON', async () => {
    const installId = '</script><script>alert(1)</script><!--';
    const res = await t.app.inject({ url: `/s/extension-exit?installId=${encodeURIComponent(installId)}` });
    expect(res.statusCode).toBe(200);
    expect(res.body.match(/<\/script>/g)).toHaveLength(2); // the JSON's own and hosted.js's
    expect(res.body).not.toContain('<script>alert');
    expect(surveyData(res.body).context).toEqual({ installId });
  });

  it('answers a bad link with an HTML page naming the parameter', async () => {
    const long = await t.app.inject({ url: `/s/extension-exit?installId=${'x'.repeat(201)}` });
    expect(long.statusCode).toBe(400);
    expect(long.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(long.body).toContain('query.installId: Too big');
    const locale = await t.app.inject({ url: '/s/extension-exit?locale=%3Cb%3E' });
    expect(locale.statusCode).toBe(400);
    expect(locale.body).toContain('query.locale: must be a language tag');
    expect(locale.body).not.toContain('<b>');
  });

  it('answers 404 pages for unknown and inactive surveys', async () => {
    for (const url of ['/s/no-such-survey', '/s/paused-nps', '/s/NOT_A_SLUG']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
      expect(res.body).toContain('Survey not available');
    }
  });
});
