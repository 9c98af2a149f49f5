/**
 * CSV imports of past feedback: each row, read through a column mapping, is a draft. A row's source id is
 * its mapped id column, else a hash of its mapped values, so importing the same file again adds nothing.
 * Parsing is csv-parse's (RFC 4180 quoting, a BOM, CRLF); a file that does not parse, or a mapping that
 * names a column the header lacks, is refused whole.
 */
import { createHash } from 'node:crypto';
import { FeedbackDraftSchema, IntakeSourceSchema, type FeedbackDraft, type HeedConfig } from '@heed/shared';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { formatIssues } from '../http/format-issues.ts';
import { findFeedbackType } from '../domain/intake.ts';

/** Draft field -> the CSV column it is read from. */
export const CsvMappingSchema = z.strictObject({
  text: z.string().min(1),
  sourceId: z.string().min(1).optional(),
  title: z.string().min(1).optional(),
  feedbackType: z.string().min(1).optional(),
  productArea: z.string().min(1).optional(),
  accountId: z.string().min(1).optional(),
  accountName: z.string().min(1).optional(),
  plan: z.string().min(1).optional(),
  region: z.string().min(1).optional(),
  contactEmail: z.string().min(1).optional(),
  reporterName: z.string().min(1).optional(),
  reporterEmail: z.string().min(1).optional(),
  occurredAt: z.string().min(1).optional(),
  url: z.string().min(1).optional(),
  /** Columns kept as they are in the item's details. */
  details: z.array(z.string().min(1)).max(50).default([]),
});
export type CsvMapping = z.infer<typeof CsvMappingSchema>;

/** How an import is described: the mapping and what every row shares. */
export const CsvImportOptionsSchema = z.strictObject({
  mapping: CsvMappingSchema,
  /** The source of every row (`import` unless the file is, say, an export of call notes). */
  source: IntakeSourceSchema.default('import'),
  /** Feedback type of rows whose mapped column is empty, or of all rows without one. */
  feedbackType: z.string().min(1).optional(),
});
export type CsvImportOptions = z.infer<typeof CsvImportOptionsSchema>;

export interface CsvRowDraft {
  /** 1-based, counting data rows (the header is not one). */
  row: number;
  draft: FeedbackDraft;
}
export interface CsvRowError {
  row: number;
  message: string;
}
export type CsvRead = { kind: 'rows'; drafts: CsvRowDraft[]; rejected: CsvRowError[] } | { kind: 'invalid'; message: string };

export const MAX_IMPORT_ROWS = 50_000;

const PLAN_NAMES: Record<string, 'saas' | 'self-managed'> = {
  saas: 'saas',
  cloud: 'saas',
  'self-managed': 'self-managed',
  'self managed': 'self-managed',
  'self-hosted': 'self-managed',
  'on-prem': 'self-managed',
};

function rowKey(values: Record<string, string>): string {
  const sorted = Object.keys(values)
    .sort()
    .map((key) => [key, values[key]]);
  return `row:${createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 32)}`;
}

/** Reads a CSV file into drafts (one per data row) and the rows refused, each with why. */
export function readCsvImport(csv: string, options: CsvImportOptions, config: HeedConfig): CsvRead {
  let records: string[][];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: false, trim: false });
  } catch (error) {
    return { kind: 'invalid', message: `body: not a CSV file this can read: ${(error as Error).message}` };
  }
  const [header, ...rows] = records;
  if (!header) return { kind: 'invalid', message: 'body: the CSV file is empty (a header row is needed)' };
  if (rows.length > MAX_IMPORT_ROWS) return { kind: 'invalid', message: `body: ${rows.length} rows; import at most ${MAX_IMPORT_ROWS} at a time` };
  const columns = new Map(header.map((name, index) => [name.trim(), index]));
  const { mapping } = options;
  const mapped = Object.entries(mapping).flatMap(([field, column]) => (Array.isArray(column) ? column.map((c) => [`details`, c] as const) : [[field, column] as const]));
  for (const [field, column] of mapped) {
    if (!columns.has(column)) {
      return { kind: 'invalid', message: `mapping.${field}: no column "${column}" in the header (${header.map((name) => `"${name.trim()}"`).join(', ')})` };
    }
  }
  const defaultType = options.feedbackType === undefined ? undefined : findFeedbackType(config, options.feedbackType);
  if (options.feedbackType !== undefined && defaultType === undefined) {
    return { kind: 'invalid', message: `feedbackType: unknown feedback type "${options.feedbackType}"` };
  }

  const drafts: CsvRowDraft[] = [];
  const rejected: CsvRowError[] = [];
  rows.forEach((record, index) => {
    const row = index + 1;
    const cell = (column: string | undefined) => {
      if (column === undefined) return undefined;
      const value = record[columns.get(column) as number]?.trim();
      return value === '' ? undefined : value;
    };
    const values: Record<string, string> = {};
    for (const [field, column] of mapped) {
      const value = cell(column);
      if (value !== undefined) values[field === 'details' ? `details:${column}` : field] = value;
    }
    const reject = (message: string) => rejected.push({ row, message });

    const typeCell = cell(mapping.feedbackType);
    const feedbackType = typeCell === undefined ? defaultType : findFeedbackType(config, typeCell);
    if (typeCell !== undefined && feedbackType === undefined) return reject(`${mapping.feedbackType}: unknown feedback type "${typeCell}"`);
    const planCell = cell(mapping.plan);
    const plan = planCell === undefined ? undefined : PLAN_NAMES[planCell.toLowerCase()];
    if (planCell !== undefined && plan === undefined) return reject(`${mapping.plan}: "${planCell}" is neither SaaS nor self-managed`);
    const occurredCell = cell(mapping.occurredAt);
    if (occurredCell !== undefined && Number.isNaN(Date.parse(occurredCell))) return reject(`${mapping.occurredAt}: "${occurredCell}" is not a date`);

    const details: Record<string, string> = {};
    for (const column of mapping.details) {
      const value = cell(column);
      if (value !== undefined) details[column] = value;
    }
    const reporterName = cell(mapping.reporterName);
    const reporterEmail = cell(mapping.reporterEmail);
    const url = cell(mapping.url);
    const candidate = {
      source: options.source,
      sourceId: cell(mapping.sourceId) ?? rowKey(values),
      ...(feedbackType !== undefined && { feedbackType }),
      productArea: cell(mapping.productArea),
      title: cell(mapping.title),
      text: cell(mapping.text) ?? '',
      customer: {
        accountId: cell(mapping.accountId),
        accountName: cell(mapping.accountName),
        plan,
        region: cell(mapping.region),
        contactEmail: cell(mapping.contactEmail),
      },
      ...((reporterName ?? reporterEmail) !== undefined && { reporter: { name: reporterName, email: reporterEmail } }),
      links: url !== undefined ? [{ rel: 'source', url }] : [],
      occurredAt: occurredCell,
      details,
    };
    const parsed = FeedbackDraftSchema.safeParse(JSON.parse(JSON.stringify(candidate)));
    if (!parsed.success) return reject(formatIssues(parsed.error.issues).map((line) => columnNamed(line, mapping)).join('; '));
    drafts.push({ row, draft: parsed.data });
  });
  return { kind: 'rows', drafts, rejected };
}

/** A draft field's issue (`customer.contactEmail: ...`) named by the CSV column it came from. */
function columnNamed(line: string, mapping: CsvMapping): string {
  const renames: [string, string | undefined][] = [
    ['text', mapping.text],
    ['sourceId', mapping.sourceId],
    ['title', mapping.title],
    ['productArea', mapping.productArea],
    ['customer.accountId', mapping.accountId],
    ['customer.accountName', mapping.accountName],
    ['customer.region', mapping.region],
    ['customer.contactEmail', mapping.contactEmail],
    ['reporter.name', mapping.reporterName],
    ['reporter.email', mapping.reporterEmail],
    ['links[0].url', mapping.url],
  ];
  for (const [field, column] of renames) {
    if (column !== undefined && line.startsWith(`${field}: `)) return `${column}: ${line.slice(field.length + 2)}`;
  }
  return line;
}
