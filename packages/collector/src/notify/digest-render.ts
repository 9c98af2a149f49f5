/**
 * A digest as people read it: plain text (email text part, logs), HTML (email) and a Slack Block Kit
 * message. Everything that came from respondents or the config is escaped for the format it lands in;
 * dates read in the digest's time zone.
 */
import type { Digest, DigestComment, DigestFailedAlert, DigestReason, DigestWeek } from '../domain/digest.ts';
import { digestIntakeText } from '../domain/digest-intake.ts';
import { escapeHtml } from './email.ts';
import { escapeCapped, SLACK_LIMITS, type SlackBlock, type SlackMessage } from './slack.ts';

/** Longest comment a digest quotes; longer ones are cut with "…". */
export const DIGEST_COMMENT_CAP = 500;

export function digestSubject(digest: Digest): string {
  const { nps, responses } = digest.week;
  return `Heed weekly digest for ${digest.owner.name}: NPS ${npsText(nps)}, ${responses} response${responses === 1 ? '' : 's'}`;
}

export function renderDigestText(digest: Digest): string {
  const { week } = digest;
  const reasonLines = (title: string, reasons: DigestReason[]) =>
    reasons.length === 0 ? [] : ['', `${title}:`, ...reasons.map((reason) => `  - ${reason.label}: ${reason.count}`)];
  return [
    `Heed weekly digest for ${digest.owner.name}`,
    periodText(digest),
    '',
    `NPS: ${npsText(week.nps)} (prior week: ${npsText(digest.priorWeek.nps)}${deltaText(digest)})`,
    `Responses: ${week.responses} (${week.comments} with a comment)`,
    `Promoters ${week.promoters}, passives ${week.passives}, detractors ${week.detractors}`,
    `Open triage items: ${digest.openTriage}`,
    ...(digest.intake ? [`New feedback from other sources: ${digestIntakeText(digest.intake)}`] : []),
    ...reasonLines('Top cancel reasons', digest.topReasons.cancel),
    ...reasonLines('Top uninstall reasons', digest.topReasons.uninstall),
    '',
    digest.comments.length === 0 ? 'No comments this week.' : 'Newest comments:',
    ...digest.comments.flatMap((comment) => [`  - ${commentHeadline(comment, digest.timeZone)}`, `    "${capped(comment.comment)}"`]),
    ...(digest.failedAlerts.length === 0
      ? []
      : ['', `${failedTitle(digest)}:`, ...digest.failedAlerts.map((alert) => `  - ${failedLine(alert, digest.timeZone)}`)]),
    ...(digest.consoleUrl ? ['', `Open the console: ${digest.consoleUrl}`] : []),
  ].join('\n');
}

export function renderDigestHtml(digest: Digest): string {
  const { week } = digest;
  const e = escapeHtml;
  const reasonList = (title: string, reasons: DigestReason[]) =>
    reasons.length === 0
      ? ''
      : `<h3>${e(title)}</h3><ol>${reasons.map((reason) => `<li>${e(reason.label)}: ${reason.count}</li>`).join('')}</ol>`;
  const comments =
    digest.comments.length === 0
      ? '<p><em>No comments this week.</em></p>'
      : `<ul>${digest.comments
          .map(
            (comment) =>
              `<li><strong>${e(commentHeadline(comment, digest.timeZone))}</strong>` +
              `<blockquote style="white-space:pre-wrap">${e(capped(comment.comment))}</blockquote></li>`,
          )
          .join('')}</ul>`;
  return [
    `<h2>Heed weekly digest for ${e(digest.owner.name)}</h2>`,
    `<p>${e(periodText(digest))}</p>`,
    '<table>',
    `<tr><th align="left">NPS</th><td>${e(npsText(week.nps))} ` +
      `(prior week: ${e(npsText(digest.priorWeek.nps))}${e(deltaText(digest))})</td></tr>`,
    `<tr><th align="left">Responses</th><td>${week.responses} (${week.comments} with a comment)</td></tr>`,
    `<tr><th align="left">Promoters / passives / detractors</th><td>${week.promoters} / ${week.passives} / ${week.detractors}</td></tr>`,
    `<tr><th align="left">Open triage items</th><td>${digest.openTriage}</td></tr>`,
    ...(digest.intake ? [`<tr><th align="left">New feedback from other sources</th><td>${e(digestIntakeText(digest.intake))}</td></tr>`] : []),
    '</table>',
    reasonList('Top cancel reasons', digest.topReasons.cancel),
    reasonList('Top uninstall reasons', digest.topReasons.uninstall),
    '<h3>Newest comments</h3>',
    comments,
    digest.failedAlerts.length === 0
      ? ''
      : `<h3>${e(failedTitle(digest))}</h3><ul>${digest.failedAlerts
          .map((alert) => `<li>${e(failedLine(alert, digest.timeZone))}</li>`)
          .join('')}</ul>`,
    ...(digest.consoleUrl ? [`<p><a href="${e(digest.consoleUrl)}">Open the console</a></p>`] : []),
  ]
    .filter((part) => part !== '')
    .join('\n');
}

/** The digest as a Slack incoming-webhook message, within Block Kit's limits. */
export function digestSlackMessage(digest: Digest): SlackMessage {
  const { week } = digest;
  const reasons = (title: string, list: DigestReason[]) =>
    list.length === 0 ? [] : [`*${title}*\n${list.map((reason) => `• ${escapeCapped(reason.label, 200)}: ${reason.count}`).join('\n')}`];
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Heed weekly digest', emoji: true } },
    { type: 'context', elements: [mrkdwn(`For *${escapeCapped(digest.owner.name, 200)}* · ${escapeCapped(periodText(digest), 300)}`)] },
    {
      type: 'section',
      fields: [
        mrkdwn(`*NPS*\n${npsText(week.nps)} (prior week ${npsText(digest.priorWeek.nps)}${deltaText(digest)})`),
        mrkdwn(`*Responses*\n${week.responses} (${week.comments} with a comment)`),
        mrkdwn(`*Promoters / passives / detractors*\n${week.promoters} / ${week.passives} / ${week.detractors}`),
        mrkdwn(`*Open triage items*\n${digest.openTriage}`),
        ...(digest.intake ? [mrkdwn(`*New feedback from other sources*\n${escapeCapped(digestIntakeText(digest.intake), 300)}`)] : []),
      ],
    },
    ...[...reasons('Top cancel reasons', digest.topReasons.cancel), ...reasons('Top uninstall reasons', digest.topReasons.uninstall)].map(
      (text): SlackBlock => ({ type: 'section', text: mrkdwn(text) }),
    ),
    ...digest.comments.map(
      (comment): SlackBlock => ({
        type: 'section',
        text: mrkdwn(
          `*${escapeCapped(commentHeadline(comment, digest.timeZone), 300)}*\n` +
            `>${escapeCapped(comment.comment, DIGEST_COMMENT_CAP).replaceAll('\n', '\n>')}`,
        ),
      }),
    ),
  ];
  if (digest.failedAlerts.length > 0) {
    const lines = digest.failedAlerts.map((alert) => `• ${escapeCapped(failedLine(alert, digest.timeZone), 300)}`);
    blocks.push({ type: 'section', text: mrkdwn(`*${failedTitle(digest)}*\n${lines.join('\n')}`.slice(0, SLACK_LIMITS.sectionText)) });
  }
  if (digest.consoleUrl) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Open the console' },
          url: digest.consoleUrl.slice(0, SLACK_LIMITS.buttonUrl),
        },
      ],
    });
  }
  return { text: escapeCapped(digestSubject(digest), 300), blocks };
}

function failedTitle(digest: Digest): string {
  const count = digest.failedAlerts.length;
  return `${count} alert${count === 1 ? '' : 's'} could not be delivered`;
}

/** "webhook, response r1, given up Fri 6 Mar 2026, 16:00 after 13 attempts: HTTP 503". */
function failedLine(alert: DigestFailedAlert, timeZone: string): string {
  const attempts = `${alert.attempts} attempt${alert.attempts === 1 ? '' : 's'}`;
  return `${alert.channel}, response ${alert.responseId}, given up ${formatDateTime(alert.failedAt, timeZone)} after ${attempts}${
    alert.lastError ? `: ${alert.lastError}` : ''
  }`;
}

function mrkdwn(text: string) {
  return { type: 'mrkdwn' as const, text };
}

function npsText(nps: number | null): string {
  return nps === null ? 'no answers' : String(nps);
}

function deltaText({ week, priorWeek }: { week: DigestWeek; priorWeek: DigestWeek }): string {
  if (week.nps === null || priorWeek.nps === null) return '';
  const delta = Math.round((week.nps - priorWeek.nps) * 10) / 10;
  return delta === 0 ? ', unchanged' : `, ${delta > 0 ? '+' : ''}${delta}`;
}

function periodText(digest: Digest): string {
  const { week, timeZone } = digest;
  return `${formatDateTime(week.start, timeZone)} to ${formatDateTime(week.end, timeZone)} (${timeZone})`;
}

/** "NPS 3 (detractor), saas, app-nps, Thu 5 Mar" / "Cancel, self-managed, portal-cancel, Mon 2 Mar". */
function commentHeadline(comment: DigestComment, timeZone: string): string {
  const what =
    comment.kind === 'nps'
      ? `NPS ${comment.score ?? '-'}${comment.category ? ` (${comment.category})` : ''}`
      : comment.kind === 'csat'
        ? `CSAT ${comment.score ?? '-'} of 5`
        : comment.kind === 'cancel'
        ? 'Cancel'
        : 'Uninstall';
  return [what, comment.plan, comment.surveyId, formatDay(comment.receivedAt, timeZone)].filter(Boolean).join(', ');
}

/** "Fri 6 Mar 2026, 16:00" on the wall clock of `timeZone`. */
function formatDateTime(iso: string, timeZone: string): string {
  const options = { year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
  const { weekday, day, month, year, hour, minute } = dateParts(iso, timeZone, options);
  return `${weekday} ${day} ${month} ${year}, ${hour}:${minute}`;
}

/** "Fri 6 Mar" on the wall clock of `timeZone`. */
function formatDay(iso: string, timeZone: string): string {
  const { weekday, day, month } = dateParts(iso, timeZone, {});
  return `${weekday} ${day} ${month}`;
}

/** Named date parts, assembled here so the output does not depend on the ICU version's patterns. */
function dateParts(iso: string, timeZone: string, extra: Intl.DateTimeFormatOptions): Record<string, string> {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', ...extra });
  return Object.fromEntries(format.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
}

function capped(text: string): string {
  const chars = [...text];
  return chars.length <= DIGEST_COMMENT_CAP ? text : `${chars.slice(0, DIGEST_COMMENT_CAP - 1).join('')}…`;
}
