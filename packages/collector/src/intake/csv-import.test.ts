import { describe, expect, it } from 'vitest';
import { testConfig } from '../domain/test-support.ts';
import { CsvImportOptionsSchema, readCsvImport, type CsvRead } from './csv-import.ts';

const config = testConfig();
const options = CsvImportOptionsSchema.parse({
  mapping: { text: 'Feedback', title: 'Subject', feedbackType: 'Type', plan: 'Plan', region: 'Region', occurredAt: 'Date', contactEmail: 'Email', details: ['Case Type'] },
});

const csv = [
  '\uFEFFDate,Subject,Feedback,Type,Plan,Region,Email,Case Type',
  '2025-11-02,Slow search,"Search takes ""forever"", on big\r\nprojects",Product,SaaS,EMEA,a@globex.example,Problem',
  '2025-11-03,,Wants SSO,,Self-Hosted,,,',
  '',
].join('\r\n');

function rows(read: CsvRead) {
  if (read.kind !== 'rows') throw new Error(read.message);
  return read;
}

describe('readCsvImport', () => {
  it('maps each row to a draft, quoting and line breaks included', () => {
    const { drafts, rejected } = rows(readCsvImport(csv, options, config));
    expect(rejected).toEqual([]);
    expect(drafts.map((d) => d.row)).toEqual([1, 2]);
    expect(drafts[0]?.draft).toMatchObject({
      source: 'import',
      sourceId: expect.stringMatching(/^row:[0-9a-f]{32}$/),
      feedbackType: 'product',
      title: 'Slow search',
      text: 'Search takes "forever", on big\r\nprojects',
      customer: { plan: 'saas', region: 'EMEA', contactEmail: 'a@globex.example' },
      occurredAt: new Date('2025-11-02T00:00:00Z'),
      details: { 'Case Type': 'Problem' },
    });
    expect(drafts[1]?.draft).toMatchObject({ text: 'Wants SSO', customer: { plan: 'self-managed' }, details: {} });
    expect(drafts[1]?.draft.feedbackType).toBeUndefined();
  });

  it('gives the same row the same source id every time, and different rows different ones', () => {
    const first = rows(readCsvImport(csv, options, config)).drafts.map((d) => d.draft.sourceId);
    const second = rows(readCsvImport(csv, options, config)).drafts.map((d) => d.draft.sourceId);
    expect(second).toEqual(first);
    expect(new Set(first).size).toBe(2);
  });

  it('uses a mapped id column as the source id, and the source given', () => {
    const withId = CsvImportOptionsSchema.parse({ mapping: { text: 'Notes', sourceId: 'Call' }, source: 'sales-call', feedbackType: 'Customer experience' });
    const { drafts } = rows(readCsvImport('Call,Notes\nC-1,Asked for an API\n', withId, config));
    expect(drafts[0]?.draft).toMatchObject({ source: 'sales-call', sourceId: 'C-1', feedbackType: 'customer-experience' });
  });

  it('refuses rows with bad values, naming the row and the column, and keeps the others', () => {
    const bad = ['Date,Subject,Feedback,Type,Plan,Region,Email,Case Type', 'yesterday,,x,,,,,', ',,,,,,,', ',,y,Pricing,,,,', ',,z,,gold,,,', ',,w,,,,not-an-email,', ',,ok,,,,,'].join('\n');
    const { drafts, rejected } = rows(readCsvImport(bad, options, config));
    expect(rejected).toEqual([
      { row: 1, message: 'Date: "yesterday" is not a date' },
      { row: 2, message: expect.stringMatching(/^Feedback: /) },
      { row: 3, message: 'Type: unknown feedback type "Pricing"' },
      { row: 4, message: 'Plan: "gold" is neither SaaS nor self-managed' },
      { row: 5, message: expect.stringMatching(/^Email: /) },
    ]);
    expect(drafts.map((d) => d.row)).toEqual([6]);
  });

  it.each([
    ['a mapping naming a missing column', 'A,B\n1,2\n', 'mapping.text: no column "Feedback" in the header ("A", "B")'],
    ['an empty file', '', 'body: the CSV file is empty'],
    ['rows of unequal length', 'Feedback,Subject\n"x",y,z\n', 'body: not a CSV file this can read'],
    ['an unclosed quote', 'Feedback\n"x\n', 'body: not a CSV file this can read'],
  ])('refuses %s whole', (_name, text, message) => {
    const read = readCsvImport(text, CsvImportOptionsSchema.parse({ mapping: { text: 'Feedback' } }), config);
    expect(read.kind).toBe('invalid');
    expect(read.kind === 'invalid' && read.message).toContain(message);
  });
});
