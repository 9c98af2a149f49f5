import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api.ts';
import { formatDateTime } from '../dates.ts';
import { routingReason } from '../describe-response.ts';
import type { PresentedItem } from '../item-types.ts';
import { feedbackTypeLabel, itemOwner, ownerName, sourceLabel, useInboxCatalog } from '../use-inbox-catalog.ts';
import { useLoad } from '../use-load.ts';
import { ErrorNote } from './error-note.tsx';
import { IssuePanel } from './issue-panel.tsx';
import { TellThemPanel } from './tell-them-panel.tsx';
import { Fact } from './fact.tsx';
import { Link } from './link.tsx';
import { OwnerSelect } from './owner-select.tsx';
import { ResponseAlerts } from './response-alerts.tsx';
import { RoutingFacts } from './routing-facts.tsx';
import { TriageForm } from './triage-form.tsx';
import { TriageHistory } from './triage-history.tsx';
import '../inbox.css';

export interface ItemPageProps {
  api: Api;
  id: string;
}

/** Why an item went to whom, in words; the feedback type's owner is a reason answers never have. */
export function itemRoutingReason(routing: PresentedItem['routing']): string {
  const byType = /^feedback-type:(.+)$/.exec(routing.reason);
  if (byType) return `No route matched; the primary owner of the feedback type "${byType[1]}" got it.`;
  return routingReason(routing);
}

/** The names of an item's details: `caseType` reads "Case type". */
export function detailName(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One item from an intake path in full: what was said, by whom about which customer, its links and facts, routing, triage and its alerts. */
export function ItemPage({ api, id }: ItemPageProps) {
  const catalog = useInboxCatalog(api);
  const load = useLoad(() => api.get<PresentedItem>(`/v1/items/${encodeURIComponent(id)}`), [api, id]);
  const [item, setItem] = useState<PresentedItem | undefined>(undefined);
  useEffect(() => setItem(load.data), [load.data]);

  if (load.error) {
    return (
      <section aria-labelledby="item-title">
        <h2 id="item-title">Feedback</h2>
        <ErrorNote error={load.error} />
        <Link to="/inbox">Inbox</Link>
      </section>
    );
  }
  if (!item) return <p class="loading">Loading…</p>;
  const { customer, reporter } = item;
  const details = Object.entries(item.details);
  return (
    <>
      <section aria-labelledby="item-title">
        <p class="crumbs">
          <Link to="/inbox">Inbox</Link>
        </p>
        <h2 id="item-title">{item.title ?? `${sourceLabel(item.source)} feedback of ${formatDateTime(item.occurredAt)}`}</h2>
        <p class="comment item-text">{item.text}</p>
        <div class="columns">
          <div>
            <h3>Feedback</h3>
            <dl class="facts">
              <Fact term="Source">{sourceLabel(item.source)}</Fact>
              <Fact term="Feedback type">{feedbackTypeLabel(catalog, item.feedbackType)}</Fact>
              {item.productArea && <Fact term="Product area">{item.productArea}</Fact>}
              <Fact term="When">{formatDateTime(item.occurredAt)}</Fact>
              <Fact term="Received">{formatDateTime(item.receivedAt)}</Fact>
            </dl>
          </div>
          <div>
            <h3>Customer</h3>
            <dl class="facts">
              <Fact term="Account">{customer.accountName ?? customer.accountId ?? '–'}</Fact>
              {customer.accountName && customer.accountId && <Fact term="Account id">{customer.accountId}</Fact>}
              <Fact term="Plan">{customer.plan ?? '–'}</Fact>
              <Fact term="Region">{customer.region ?? '–'}</Fact>
              {customer.contactEmail && <Fact term="Contact">{customer.contactEmail}</Fact>}
              <Fact term="Reporter">{[reporter?.name, reporter?.email].filter(Boolean).join(', ') || '–'}</Fact>
            </dl>
          </div>
        </div>
        {item.links.length > 0 && (
          <>
            <h3>Links</h3>
            <ul class="links">
              {item.links.map((link) => (
                <li key={link.url}>
                  <a href={link.url} rel="noopener noreferrer" target="_blank">
                    {link.title ?? `${detailName(link.rel)}: ${link.url}`}
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
        {details.length > 0 && (
          <>
            <h3>Details</h3>
            <dl class="facts">
              {details.map(([key, value]) => (
                <Fact key={key} term={detailName(key)}>
                  <span class="comment">{value}</span>
                </Fact>
              ))}
            </dl>
          </>
        )}
      </section>
      <RoutingFacts decision={item.routing.status} owner={ownerName(catalog, itemOwner(item))} why={itemRoutingReason(item.routing)} />
      <section aria-labelledby="triage-title">
        <h2 id="triage-title">Triage</h2>
        <TriageForm
          key={`${item.id}:${catalog.owners.length}`}
          api={api}
          entry={item}
          path="/v1/items"
          onSaved={setItem}
          tagsHintId="item-tags-hint"
          ownerControl={(owner, setOwner) => <OwnerSelect value={owner} owners={catalog.owners} onChange={setOwner} />}
        />
        <TriageHistory history={item.triage.history} />
      </section>
      <IssuePanel api={api} itemId={item.id} {...(item.triage.issueUrl !== undefined && { issueUrl: item.triage.issueUrl })} onLinked={() => void api.get<PresentedItem>(`/v1/items/${encodeURIComponent(item.id)}`).then(setItem)} />
      {customer.contactEmail && customer.mayContact && (
        <TellThemPanel api={api} itemId={item.id} revision={`${item.triage.issueUrl ?? ''}:${item.triage.history.length}`} onSent={() => void api.get<PresentedItem>(`/v1/items/${encodeURIComponent(item.id)}`).then(setItem)} />
      )}
      <ResponseAlerts api={api} responseId={item.id} revision={itemOwner(item) ?? ''} subject="feedback" />
    </>
  );
}
