/**
 * Real Chromium for widget tests, and what a test wants to know about a page: errors, CSP violations,
 * and where keyboard focus is (inside the widget's shadow root).
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface WatchedPage {
  page: Page;
  /** Console errors, uncaught exceptions and CSP violations, as they happened. */
  problems: string[];
}

/** A new page in `target` that records its problems. */
export async function watchedPage(target: Browser | BrowserContext): Promise<WatchedPage> {
  const page = await target.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`),
    );
  });
  return { page, problems };
}

/** The focused element, looking into shadow roots: its accessible-ish name (aria-label, label or text). */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element) return '';
    const label = element.getAttribute('aria-label') ?? (element as HTMLInputElement).labels?.[0]?.textContent ?? element.textContent;
    return `${element.tagName.toLowerCase()}${element.getAttribute('role') ? `[${element.getAttribute('role')}]` : ''} ${label?.trim() ?? ''}`.trim();
  });
}

/** Press Tab until `matches(focused)` (at most `limit` times). */
export async function tabTo(page: Page, matches: (focused: string) => boolean, limit = 15): Promise<string> {
  for (let presses = 0; presses < limit; presses += 1) {
    const now = await focused(page);
    if (matches(now)) return now;
    await page.keyboard.press('Tab');
  }
  throw new Error(`focus never reached the wanted element; it is on "${await focused(page)}"`);
}
