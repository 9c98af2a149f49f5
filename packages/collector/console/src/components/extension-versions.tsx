import type { Api } from '../api.ts';
import { formatCount } from '../format.ts';
import { useLoad } from '../use-load.ts';
import { ErrorNote } from './error-note.tsx';
import type { ReasonSeries } from './reasons-page.tsx';
import { ReasonsPanel } from './reasons-panel.tsx';

export interface ExtensionVersionsProps {
  api: Api;
  from: string;
  /** The view's scope; the report narrows by survey only (every plan, the uninstall surveys' areas). */
  scope: Record<string, string | undefined>;
  reasons: ReasonSeries[];
}

/** `GET /v1/reports/uninstall-versions`: newest version first, then `other`, then answers without a version. */
export interface UninstallVersionsReport {
  versions: { version: string | null; responses: number; reasons: Record<string, number> }[];
  labels: Record<string, string>;
  scanned: number;
  complete: boolean;
}

export const NO_VERSION = 'no version';

export interface VersionTally {
  versions: string[];
  counts: Record<string, number>[];
  answers: number[];
}

/** The report as the panel draws it: one category per version, in the report's order. */
export function tallyVersions(report: UninstallVersionsReport): VersionTally {
  return {
    versions: report.versions.map((row) => row.version ?? NO_VERSION),
    counts: report.versions.map((row) => row.reasons),
    answers: report.versions.map((row) => row.responses),
  };
}

/** Did a release drive people away? Uninstall reasons per extension version over the same months. */
export function ExtensionVersions({ api, from, scope, reasons }: ExtensionVersionsProps) {
  const query = { from, survey: scope.survey };
  const load = useLoad(() => api.get<UninstallVersionsReport>('/v1/reports/uninstall-versions', query), [api, JSON.stringify(query)]);
  const tally = load.data ? tallyVersions(load.data) : undefined;
  const known = new Set(reasons.map((reason) => reason.id));
  const extra = tally ? [...new Set(tally.counts.flatMap((row) => Object.keys(row)))].filter((id) => !known.has(id)) : [];
  const series = [
    ...reasons,
    ...extra.map((id, index) => ({ id, label: load.data?.labels[id] ?? id, color: `series-${((reasons.length + index) % 8) + 1}` })),
  ];
  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">Uninstall reasons by extension version</h2>
      {load.error && <ErrorNote error={load.error} />}
      {load.loading && !load.data && <p class="loading">Loading…</p>}
      {tally && load.data && (
        <>
          {!load.data.complete && <p class="hint">The newest {formatCount(load.data.scanned)} answers of the range.</p>}
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
