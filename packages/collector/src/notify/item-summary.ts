/**
 * What every human-facing alert (Slack, email) says about an intake item, as plain text: a one-line
 * headline naming its source and feedback type, the labelled details (customer, reporter, when), and its
 * links. Each channel escapes and lays them out its own way, as summary.ts does for survey answers.
 */
import type { HeedConfig, ItemLink } from '@heed/shared';
import type { ItemDoc } from '../store/store.ts';

const SOURCE_LABELS: Record<ItemDoc['source'], string> = {
  email: 'Email',
  slack: 'Slack',
  github: 'GitHub',
  support: 'Support',
  'sales-call': 'Sales call',
  case: 'Case',
  csat: 'CSAT',
  manual: 'Manual entry',
  import: 'Import',
};

const SOURCE_EMOJI: Record<ItemDoc['source'], string> = {
  email: '📧',
  slack: '💬',
  github: '🐙',
  support: '🛟',
  'sales-call': '📞',
  case: '🗂️',
  csat: '⭐',
  manual: '📝',
  import: '📥',
};

export function sourceLabel(source: ItemDoc['source']): string {
  return SOURCE_LABELS[source];
}

/** The feedback type's label from the config, its id when the config no longer has it. */
export function feedbackTypeLabel(config: Pick<HeedConfig, 'feedbackTypes'>, id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  return config.feedbackTypes.find((type) => type.id === id)?.label ?? id;
}

/** "📧 Email · Product · Export is broken": source, feedback type and title when there is one. */
export function itemHeadline(item: ItemDoc, config: Pick<HeedConfig, 'feedbackTypes'>): string {
  const type = feedbackTypeLabel(config, item.feedbackType);
  return [`${SOURCE_EMOJI[item.source]} ${SOURCE_LABELS[item.source]}`, type, item.title?.trim() || undefined].filter(Boolean).join(' · ');
}

/** Source, feedback type, customer, reporter and when: the fields that are set, in reading order. */
export function itemDetails(item: ItemDoc, config: Pick<HeedConfig, 'feedbackTypes'>): [label: string, value: string][] {
  const { customer, reporter } = item;
  const reporterText = reporter && [reporter.name, reporter.email && (reporter.name ? `<${reporter.email}>` : reporter.email)].filter(Boolean).join(' ');
  const details: [string, string | undefined][] = [
    ['Source', SOURCE_LABELS[item.source]],
    ['Feedback type', feedbackTypeLabel(config, item.feedbackType)],
    ['Customer', customer.accountName ?? customer.accountId],
    ['Account id', customer.accountName !== undefined ? customer.accountId : undefined],
    ['Plan', customer.plan],
    ['Region', customer.region],
    ['Contact', customer.contactEmail],
    ['Reporter', reporterText || undefined],
    ['Product area', item.productArea],
    ['When', item.occurredAt.toISOString()],
  ];
  return details.filter((detail): detail is [string, string] => detail[1] !== undefined && detail[1] !== '');
}

/** The item's links, each with a readable name. */
export function itemLinks(item: ItemDoc): { name: string; url: string }[] {
  return item.links.map((link: ItemLink) => ({ name: link.title?.trim() || linkName(link.rel), url: link.url }));
}

function linkName(rel: string): string {
  return `Open ${rel}`;
}

/** `/console/items/<id>` under the public URL (with or without a trailing slash). */
export function consoleItemUrl(publicUrl: string, itemId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/console/items/${encodeURIComponent(itemId)}`;
}
