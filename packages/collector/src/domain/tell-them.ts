/**
 * Closing the loop: once the issue an intake item is linked to is closed, and the customer left a contact
 * email and agreed to be contacted, a message tells them (a template per language, previewed first). It is
 * sent at most once: the item is marked told, with its history entry, in the same commit as the check, then
 * the message goes out; if the mail server refuses it the mark is undone (and that too is in the history).
 * A contact erased by email is never written to again.
 */
import type { HeedConfig, TellThemMessage, TellThemPreview, TellThemSent } from '@heed/shared';
import type { Clock } from '../clock.ts';
import { errors } from '../errors.ts';
import type { ItemDoc, Store, TellRefusal } from '../store/store.ts';
import { renderTellThem } from './tell-them-templates.ts';

/** Sends one email (the SMTP mailer, through the HTTP layer); rejects when the server does not take it. */
export type SendMail = (message: { to: string; subject: string; text: string; html: string; messageId: string }) => Promise<void>;

export interface TellThemDeps {
  store: Store;
  config: HeedConfig;
  clock: Clock;
}

const REFUSALS: Record<TellRefusal, string> = {
  'no-contact': 'the customer left no contact email',
  'no-consent': 'the customer did not agree to be contacted',
  erased: 'the contact was erased',
  told: 'the customer was already told',
};

function refused(id: string, why: TellRefusal): Error {
  return new errors.conflict(`cannot tell the customer of item "${id}": ${REFUSALS[why]}`);
}

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

/** The item, its closed issue and its consenting contact, or the coded error saying what is missing. */
async function subject(deps: TellThemDeps, id: string): Promise<{ item: ItemDoc; to: string; issue: { url: string; title: string } }> {
  const item = await deps.store.items.get(id);
  if (!item) throw new errors.notFound(`intake item "${id}"`);
  const link = await deps.store.issues.linkOf(id);
  const issue = link && (await deps.store.issues.byUrl(link.url));
  if (!issue) throw new errors.conflict(`cannot tell yet: item "${id}" is not linked to an issue`);
  if (issue.state !== 'closed') throw new errors.conflict(`cannot tell yet: the issue of item "${id}" is not closed`);
  const to = item.customer.contactEmail;
  if (to === undefined) throw refused(id, 'no-contact');
  if (item.customer.mayContact !== true) throw refused(id, 'no-consent');
  if (await deps.store.contacts.isErased(to)) throw refused(id, 'erased');
  return { item, to, issue: { url: issue.url, title: issue.title ?? issue.url } };
}

function compose(deps: TellThemDeps, item: ItemDoc, to: string, issue: { url: string; title: string }, locale: string): TellThemMessage {
  const rendered = renderTellThem(locale, {
    issueTitle: issue.title,
    issueUrl: issue.url,
    feedback: quote(item.title ?? item.text),
    ...(item.customer.accountName !== undefined && { accountName: item.customer.accountName }),
    from: deps.config.projects[0]?.name ?? 'Heed',
  });
  return { to, ...rendered, issue };
}

/** The message as it would be sent now, with when it was sent if it was; or why it cannot be sent now. Unknown item -> 404. */
export async function previewTellThem(deps: TellThemDeps, id: string, locale: string): Promise<TellThemPreview> {
  let found: Awaited<ReturnType<typeof subject>>;
  try {
    found = await subject(deps, id);
  } catch (error) {
    if (error instanceof errors.conflict) return { ready: false, reason: (error as Error).message };
    throw error;
  }
  const toldAt = await deps.store.contacts.toldAt(id);
  return { ready: true, ...compose(deps, found.item, found.to, found.issue, locale), ...(toldAt && { toldAt: toldAt.toISOString() }) };
}

/**
 * Sends the message once. `send` undefined (no mailer configured) -> 409 HEED_ERR_MAILER_UNAVAILABLE; told
 * before, erased or no consent -> 409 HEED_ERR_CONFLICT; refused by the mail server -> 502, and it may be sent again.
 */
export async function tellThem(deps: TellThemDeps, send: SendMail | undefined, id: string, locale: string, actor: string): Promise<TellThemSent> {
  if (!send) throw new errors.mailerUnavailable('the "tell them" message');
  const { item, to, issue } = await subject(deps, id);
  const message = compose(deps, item, to, issue, locale);
  const at = deps.clock();
  // The history names the issue and language, never the address: an erasure leaves nothing of it behind.
  const marked = await deps.store.contacts.markTold(id, at, { at, actor, changes: { toldThem: { issue: issue.url, locale: message.locale } } });
  if (marked === null) throw new errors.notFound(`intake item "${id}"`);
  if (marked !== 'marked') throw refused(id, marked);
  try {
    await send({ to, subject: message.subject, text: message.text, html: message.html, messageId: `<tell-them-${id}@heed>` });
  } catch (error) {
    const reason = (error as Error).message ?? String(error);
    await deps.store.contacts.unmarkTold(id, { at: deps.clock(), actor, changes: { toldThem: { failed: reason.slice(0, 300) } } });
    throw new errors.mailFailed(reason);
  }
  return { sent: true, at: at.toISOString(), to, locale: message.locale };
}

/** Erases a contact by email from every item holding it; nothing is sent to it afterwards. */
export async function eraseContact(deps: TellThemDeps, email: string, actor: string): Promise<{ items: number }> {
  const at = deps.clock();
  return { items: await deps.store.contacts.erase(email, at, { at, actor, changes: { contact: 'erased' } }) };
}
