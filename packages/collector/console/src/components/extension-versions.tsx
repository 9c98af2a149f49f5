import { getAll, type Api } from '../api.ts';
import { reasonIds } from '../describe-response.ts';
import { formatCount } from '../format.ts';
import type { PresentedResponse } from '../types.ts';
import { useLoad } from '../use-load.ts';
import { ErrorNote } from './error-note.tsx';
import type { ReasonSeries } from './reasons-page.tsx';
import { ReasonsPanel } from './reasons-panel.tsx';

export interface ExtensionVersionsProps {
  api: Api;
  from: string;
  scope: Record<string, string | undefined>;
  reasons: ReasonSeries[];
}

/** Reads at most this many answers (pages of 500); the view says when there were more. */
const MAX_PAGES = 20;
const NO_VERSION = 'no version';

/** Orders versions as numbers where they are (1.10.0 after 1.9.2), newest first. */
export function compareVersions(a: string, b: string): number {
  return b.localeCompare(a, undefined, { numeric: true });
}

export interface VersionTally {
  versions: string[];
  counts: Record<string, number>[];
  answers: number[];
}

export function tallyVersions(responses: PresentedResponse[]): VersionTally {
  const byVersion = new Map<string, { counts: Record<string, number>; answers: number }>();
  for (const response of responses) {
    const version = response.context.extensionVersion ?? NO_VERSION;
    let entry = byVersion.get(version);
    if (!entry) byVersion.set(version, (entry = { counts: {}, answers: 0 }));
    entry.answers += 1;
    for (const id of reasonIds(response)) entry.counts[id] = (entry.counts[id] ?? 0) + 1;
  }
  const versions = [...byVersion.keys()].sort((a, b) => (a === NO_VERSION ? 1 : b === NO_VERSION ? -1 : compareVersions(a, b)));
  return { versions, counts: versions.map((v) => byVersion.get(v)!.counts), answers: versions.map((v) => byVersion.get(v)!.answers) };
}

/** Did a release drive people away? Uninstall reasons per extension version over the same months. */
export function ExtensionVersions({ api, from, scope, reasons }: ExtensionVersionsProps) {
  const query = { kind: 'uninstall', from, ...scope };
  const load = useLoad(() => getAll<PresentedResponse>(api, '/v1/responses', query, MAX_PAGES), [api, JSON.stringify(query)]);
  const tally = load.data ? tallyVersions(load.data.items) : undefined;
  const known = new Set(reasons.map((reason) => reason.id));
  const extra = tally ? [...new Set(tally.counts.flatMap((row) => Object.keys(row)))].filter((id) => !known.has(id)) : [];
  const series = [...reasons, ...extra.map((id, index) => ({ id, label: id, color: `series-${((reasons.length + index) % 8) + 1}` }))];
  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">Uninstall reasons by extension version</h2>
      {load.error && <ErrorNote error={load.error} />}
      {load.loading && !load.data && <p class="loading">Loading…</p>}
      {tally && load.data && (
        <>
          {!load.data.complete && <p class="hint">The newest {formatCount(load.data.items.length)} answers of the range.</p>}
          <ReasonsPanel
            title="All plans"
            categoryName="Version"
            categories={tally.versions}
            reasons={series}
            counts={tally.counts}
            answers={tally.answers}
            max={Math.max(1, ...tally.counts.map((row) => Object.values(row).reduce((sum, n) => sum + n, 0)))}
          />
        </>
      )}
    </section>
  );
}
