/**
 * The demo: a fake product ("Acme Editor") and billing portal that embed the widget exactly as a customer
 * would, and an inbox showing the signed webhooks the collector delivered.
 */
import { html, type SafeHtml } from './html.ts';
import { page } from './layout.ts';

const STYLESHEET = '/demo/demo.css';

/**
 * The customer's snippet (`<script async src="/widget/heed.js" data-project="pk_demo" data-user-id=... data-plan="saas">`),
 * added by visitor.js with a user id of this browser's own, so that each visitor is asked. A classic script
 * from the page's origin: it runs before the parser goes on, under the pages' no-inline-script policy.
 */
const SNIPPET = html`<script src="/demo/visitor.js"></script>`;

function header(current: string): SafeHtml {
  const link = (href: string, label: string) =>
    href === current ? html`<a href="${href}" aria-current="page">${label}</a>` : html`<a href="${href}">${label}</a>`;
  return html`<header class="topbar">
<span class="brand">Acme Editor</span>
<nav aria-label="Demo">${link('/demo', 'Editor')} ${link('/demo/cancel', 'Billing')} ${link('/demo/inbox', 'PM inbox')}</nav>
</header>`;
}

export function demoProductPage(): string {
  return page({
    title: 'Acme Editor (Heed demo)',
    stylesheets: [STYLESHEET],
    head: html`${SNIPPET}\n`,
    body: html`${header('/demo')}
<main class="layout">
<section class="editor" aria-label="Document">
<h1>Quarterly plan</h1>
<p>This is a pretend product page. It embeds the Heed loader with the same one-line snippet a customer
would paste; the NPS prompt appears after a short delay (once per person per recontact window).</p>
<p contenteditable="true" class="canvas">Start typing here...</p>
</section>
<aside class="sidebar">
<h2>Try the other surveys</h2>
<ul>
<li><a href="/demo/cancel">Billing portal: cancel your subscription</a> (cancel-reason form, fails open)</li>
<li><a href="/s/extension-exit?installId=demo&amp;version=1.2.3&amp;locale=en">Extension uninstall page</a> (hosted exit survey)</li>
<li><a href="/demo/inbox">PM inbox</a>: detractors and comments arrive here as signed webhooks</li>
<li><a href="/console/">PM console</a>: dashboards and triage (the admin token is in the collector's log)</li>
</ul>
<p class="reset">Answered already? Each browser is one visitor, asked once.
<a href="/demo?reset">Reset the demo</a> to forget this visitor and see the prompt again.</p>
</aside>
</main>`,
  });
}

export function demoCancelPage(): string {
  return page({
    title: 'Billing - Acme Editor (Heed demo)',
    stylesheets: [STYLESHEET],
    scripts: ['/demo/cancel.js'],
    head: html`${SNIPPET}\n`,
    body: html`${header('/demo/cancel')}
<main class="layout single">
<section class="card">
<h1>Your subscription</h1>
<p>Acme Editor Pro, SaaS plan, billed monthly.</p>
<button type="button" id="cancel-subscription" class="danger">Cancel subscription</button>
<div id="cancel-survey"></div>
<p id="cancel-status" role="status" hidden>Subscription cancelled</p>
</section>
</main>`,
  });
}

export interface InboxEntry {
  deliveryId: string;
  ownerId: string;
  receivedAt: string;
  payload: unknown;
}

interface DeliveryPayload {
  type?: string;
  digest?: { periodKey?: string; week?: { responses?: number; comments?: number; nps?: number | null } };
  response?: {
    surveyId?: string;
    category?: string;
    plan?: string;
    answers?: { score?: number; comment?: string; reason?: string; reasons?: string[] };
  };
}

function receivedCell(receivedAt: string): SafeHtml {
  return html`<td><time datetime="${receivedAt}">${receivedAt.replace('T', ' ').slice(0, 19)}</time></td>`;
}

function digestRow({ deliveryId, ownerId, receivedAt }: InboxEntry, digest: DeliveryPayload['digest'] = {}): SafeHtml {
  const { responses = 0, comments = 0, nps = null } = digest.week ?? {};
  return html`<tr>
${receivedCell(receivedAt)}
<td>${ownerId}</td>
<td>weekly digest ${digest.periodKey}</td>
<td>${nps === null ? '' : `NPS ${nps}`}</td>
<td></td>
<td class="comment">${responses} responses, ${comments} comments</td>
<td></td>
<td><code>${deliveryId}</code></td>
</tr>`;
}

function inboxRow(entry: InboxEntry): SafeHtml {
  const { type, digest, response = {} } = entry.payload as DeliveryPayload;
  if (type === 'digest.weekly') return digestRow(entry, digest);
  const answers = response.answers ?? {};
  const reasons = answers.reasons?.join(', ') ?? answers.reason;
  return html`<tr>
${receivedCell(entry.receivedAt)}
<td>${entry.ownerId}</td>
<td>${response.surveyId}</td>
<td>${answers.score ?? ''}${response.category ? html` <span class="tag ${response.category}">${response.category}</span>` : ''}</td>
<td>${reasons}</td>
<td class="comment">${answers.comment}</td>
<td>${response.plan}</td>
<td><code>${entry.deliveryId}</code></td>
</tr>`;
}

export function demoInboxPage(entries: readonly InboxEntry[]): string {
  return page({
    title: 'PM inbox (Heed demo)',
    stylesheets: [STYLESHEET],
    head: html`<meta http-equiv="refresh" content="5">\n`,
    body: html`${header('/demo/inbox')}
<main class="layout single">
<section class="card wide">
<h1>PM inbox</h1>
<p>Signed webhooks received by the demo owners (newest first, last 100; refreshes every 5 seconds).</p>
${
  entries.length === 0
    ? html`<p class="empty">Nothing yet: answer the NPS prompt with a low score or a comment.</p>`
    : html`<table>
<thead><tr><th>Received</th><th>Owner</th><th>Survey</th><th>Score</th><th>Reasons</th><th>Comment</th><th>Plan</th><th>Delivery</th></tr></thead>
<tbody>
${entries.map(inboxRow)}
</tbody>
</table>`
}
</section>
</main>`,
  });
}
