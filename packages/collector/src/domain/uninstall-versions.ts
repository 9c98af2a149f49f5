/**
 * Uninstall reasons by extension version: did a release drive people away?
 *
 * Cost: unlike the other reports this one reads answers, not day counters (the counters carry no version):
 * one indexed range stream over the uninstall answers of `[from, to)`, newest first, O(answers in range)
 * time and O(versions) memory. Both are bounded: at most MAX_SCANNED answers are read (then `complete` is
 * false and the counts are those of the newest ones), and at most MAX_TRACKED distinct versions are kept
 * (answers of further versions count under `other`), so a month of a large extension stays well under a
 * second and a few kilobytes, and a year cannot run away.
 */
import type { HeedConfig, UninstallVersionsQuery } from '@heed/shared';
import type { Clock } from '../clock.ts';
import { errors } from '../errors.ts';
import type { Store } from '../store/store.ts';

export interface UninstallVersionsDeps {
  store: Store;
  config: HeedConfig;
  clock: Clock;
}

export interface VersionRow {
  /** The extension's version, `null` for answers that named none, `"other"` past MAX_TRACKED versions. */
  version: string | null;
  responses: number;
  /** Reason id -> answers of this version that gave it. */
  reasons: Record<string, number>;
}

export interface UninstallVersionsReport {
  from: string;
  to: string;
  /** Newest version first (numeric where the parts are numbers: 1.10.0 before 1.9.2), then `other`, then `null`. */
  versions: VersionRow[];
  /** Reason id -> label from the config. */
  labels: Record<string, string>;
  /** Answers read. */
  scanned: number;
  /** False when the range held more than MAX_SCANNED answers: the counts are those of the newest. */
  complete: boolean;
}

export const MAX_SCANNED = 50_000;
export const MAX_TRACKED = 200;
export const OTHER_VERSIONS = 'other';
const DEFAULT_DAYS = 182;
const DAY_MS = 24 * 3600 * 1000;

/** Newest first: `b` before `a` when its dotted parts are greater, compared as numbers where they are. */
export function compareVersions(a: string, b: string): number {
  return b.localeCompare(a, 'en', { numeric: true });
}

/** The uninstall answers of the range, counted per extension version x reason; default range: the trailing 26 weeks. */
export async function uninstallVersionsReport({ store, config, clock }: UninstallVersionsDeps, query: UninstallVersionsQuery): Promise<UninstallVersionsReport> {
  const to = query.to ?? addDays(clock().toISOString().slice(0, 10), 1);
  const from = query.from ?? addDays(to, -DEFAULT_DAYS);
  if (from >= to) throw new errors.validation(`from: must be before to (${to}, exclusive), got ${from}`);

  const rows = new Map<string | null, VersionRow>();
  // Past MAX_TRACKED versions: one row, kept apart so that a version named "other" stays its own.
  const other: VersionRow = { version: OTHER_VERSIONS, responses: 0, reasons: {} };
  let scanned = 0;
  let complete = true;
  const stream = store.responses.stream({
    kind: 'uninstall',
    ...(query.survey !== undefined && { surveyId: query.survey }),
    from: new Date(`${from}T00:00:00Z`),
    to: new Date(`${to}T00:00:00Z`),
  });
  for await (const doc of stream) {
    if (scanned === MAX_SCANNED) {
      complete = false;
      break; // ends the stream: the store stops reading
    }
    scanned += 1;
    const version = doc.context.extensionVersion?.trim() || null;
    let row = rows.get(version);
    if (!row) {
      row = rows.size < MAX_TRACKED ? { version, responses: 0, reasons: {} } : other;
      if (row !== other) rows.set(version, row);
    }
    row.responses += 1;
    const reasons = doc.answers.reasons ?? (doc.answers.reason ? [doc.answers.reason] : []);
    for (const reason of reasons) row.reasons[reason] = (row.reasons[reason] ?? 0) + 1;
  }
  const named = [...rows.values()].filter((row) => row.version !== null).sort((a, b) => compareVersions(a.version!, b.version!));
  const unnamed = rows.get(null);
  const versions = [...named, ...(other.responses > 0 ? [other] : []), ...(unnamed ? [unnamed] : [])];
  return { from, to, versions, labels: uninstallLabels(config, query.survey), scanned, complete };
}

function uninstallLabels(config: HeedConfig, surveyId: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const survey of config.surveys) {
    if (survey.kind !== 'uninstall' || (surveyId !== undefined && survey.id !== surveyId)) continue;
    for (const reason of survey.reasons) labels[reason.id] ??= reason.label;
  }
  return labels;
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
