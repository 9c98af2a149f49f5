import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api.ts';
import { daysBefore, formatDateTime } from '../dates.ts';
import type { PresentedItem } from '../item-types.ts';
import { useSearch } from '../router.ts';
import { answerLine, entryPath, feedbackTypeLabel, itemOwner, ownerName, sourceLabel, useInboxCatalog } from '../use-inbox-catalog.ts';
import { useMyOwner } from '../use-my-owner.ts';
import { usePages } from '../use-pages.ts';
import { ChoiceSelect, PLAN_CHOICES } from './choice-select.tsx';
import { ErrorNote } from './error-note.tsx';
import { Link } from './link.tsx';
import { ListEnd } from './list-end.tsx';
import { FEEDBACK_LOGGED } from './log-feedback.tsx';
import { MyOwnerHint } from './my-owner-hint.tsx';
import { OwnerFilter, ownerQuery } from './owner-filter.tsx';
import { SearchBox } from './search-box.tsx';
import { StatusFilter } from './status-filter.tsx';
import '../inbox.css';

export interface InboxPageProps {
  api: Api;
}

const RANGES = [
  { value: '7', label: 'last 7 days' },
  { value: '28', label: 'last 28 days' },
  { value: '90', label: 'last 90 days' },
  { value: '365', label: 'last year' },
];

/** The admin API query of the Inbox's URL filters; `owner=mine` resolved to this browser's owner id. */
export function inboxQuery(params: URLSearchParams, myOwner: string | null, now: Date = new Date()): Record<string, string | undefined> {
  const range = params.get('range');
  return {
    source: params.get('source') ?? undefined,
    feedbackType: params.get('type') ?? undefined,
    status: params.get('status') ?? undefined,
    plan: params.get('plan') ?? undefined,
    region: params.get('region') ?? undefined,
    q: params.get('q') ?? undefined,
    owner: ownerQuery(params.get('owner'), myOwner),
    from: range && Number(range) > 0 ? daysBefore(now, Number(range)) : undefined,
  };
}

/** Feedback from every source in one list, filtered and searched as the URL says. */
export function InboxPage({ api }: InboxPageProps) {
  const [params, change] = useSearch();
  const [myOwner, saveMyOwner] = useMyOwner();
  const catalog = useInboxCatalog(api);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    const again = () => setReload((n) => n + 1);
    addEventListener(FEEDBACK_LOGGED, again);
    return () => removeEventListener(FEEDBACK_LOGGED, again);
  }, []);
  const query = inboxQuery(params, myOwner);
  const pages = usePages<PresentedItem>(api, '/v1/items', { ...query, limit: 50 }, reload);

  return (
    <section aria-labelledby="inbox-title">
      <div class="section-head">
        <h2 id="inbox-title">Inbox</h2>
        <p class="hint">Every source: survey answers, email, Slack, GitHub, cases, calls and notes.</p>
      </div>
      <SearchBox label="Search feedback" value={params.get('q') ?? ''} onSearch={(q) => change({ q })} />
      <div class="filters" role="group" aria-label="Filters">
        <ChoiceSelect
          label="Source"
          value={params.get('source') ?? ''}
          choices={catalog.sources.map((source) => ({ value: source, label: sourceLabel(source) }))}
          onChange={(source) => change({ source })}
        />
        <ChoiceSelect
          label="Type"
          value={params.get('type') ?? ''}
          choices={catalog.feedbackTypes.map((type) => ({ value: type.id, label: type.label }))}
          onChange={(type) => change({ type })}
        />
        <OwnerFilter value={params.get('owner') ?? ''} onChange={(owner) => change({ owner })} owners={catalog.owners.map((owner) => owner.id)} myOwner={myOwner} saveMyOwner={saveMyOwner} />
        <StatusFilter value={params.get('status') ?? ''} onChange={(status) => change({ status })} />
        <ChoiceSelect label="Plan" value={params.get('plan') ?? ''} choices={PLAN_CHOICES} onChange={(plan) => change({ plan })} />
        <RegionFilter value={params.get('region') ?? ''} onChange={(region) => change({ region })} />
        <ChoiceSelect label="When" value={params.get('range') ?? ''} anyLabel="any time" choices={RANGES} onChange={(range) => change({ range })} />
      </div>
      <MyOwnerHint value={params.get('owner') ?? ''} myOwner={myOwner} />
      {pages.error && <ErrorNote error={pages.error} />}
      <div class="scroll" role="region" aria-label="Inbox table" tabIndex={0}>
        <table class="inbox">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Source</th>
              <th scope="col">Type</th>
              <th scope="col">Feedback</th>
              <th scope="col">Customer</th>
              <th scope="col">Owner</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {pages.items.map((item) => (
              <tr key={item.id}>
                <td class="nowrap">
                  <Link to={entryPath(item)}>{formatDateTime(item.occurredAt)}</Link>
                </td>
                <td>{sourceLabel(item.source)}</td>
                <td>{item.source === 'survey' ? (answerLine(catalog, item) ?? '–') : feedbackTypeLabel(catalog, item.feedbackType)}</td>
                <td class="comment-cell">
                  {item.title && <strong class="item-title">{item.title}</strong>}
                  {item.text || <span class="muted">no comment</span>}
                </td>
                <td>{customerText(item)}</td>
                <td>{ownerName(catalog, itemOwner(item))}</td>
                <td>{item.triage.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ListEnd pages={pages} empty="No feedback matches these filters." />
    </section>
  );
}

/** "Globex · self-managed · EMEA", the parts that are known. */
export function customerText(item: Pick<PresentedItem, 'customer'>): string {
  const { customer } = item;
  return [customer.accountName ?? customer.accountId, customer.plan, customer.region].filter(Boolean).join(' · ') || '–';
}

function RegionFilter({ value, onChange }: { value: string; onChange: (region: string) => void }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return (
    <form
      class="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        onChange(draft.trim());
      }}
    >
      <label>
        <span>Region</span>
        <input value={draft} maxLength={50} size={8} onInput={(e) => setDraft(e.currentTarget.value)} onBlur={() => draft.trim() !== value && onChange(draft.trim())} />
      </label>
    </form>
  );
}
