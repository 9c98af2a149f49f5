import { useState } from 'preact/hooks';
import type { Api } from '../api.ts';
import type { PresentedResponse, TriageStatus } from '../types.ts';
import { EMPTY_CATALOG, type Catalog } from '../use-catalog.ts';
import { usePages } from '../use-pages.ts';
import { ErrorNote } from './error-note.tsx';
import { ListEnd } from './list-end.tsx';
import { StatusFilter } from './status-filter.tsx';
import { TriageItem } from './triage-item.tsx';

export interface TriageListProps {
  api: Api;
  catalog?: Catalog;
}

/** Every written comment, newest first, each with its triage status. */
export function TriageList({ api, catalog = EMPTY_CATALOG }: TriageListProps) {
  const [status, setStatus] = useState<TriageStatus | ''>('');
  const pages = usePages<PresentedResponse>(api, '/v1/responses', { hasComment: true, status, limit: 50 });

  return (
    <section aria-labelledby="triage-title">
      <div class="section-head">
        <h2 id="triage-title">Triage</h2>
        <div class="filters">
          <StatusFilter value={status} onChange={(value) => setStatus(value as TriageStatus | '')} />
        </div>
      </div>
      {pages.error && <ErrorNote error={pages.error} />}
      <ol class="triage">
        {pages.items.map((response) => (
          <TriageItem key={response.id} api={api} response={response} catalog={catalog} onChange={pages.replace} />
        ))}
      </ol>
      <ListEnd pages={pages} empty="No comments here." />
    </section>
  );
}
