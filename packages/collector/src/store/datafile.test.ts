import { describe, expect, it } from 'vitest';
import { deletionLine, documentLine } from './datafile.ts';

describe('documentLine', () => {
  it('writes Dates at any depth as NeDB does, and leaves the document as it was', () => {
    const doc = {
      _id: 'r1',
      receivedAt: new Date(1000),
      answers: { score: 3, tags: ['a'] },
      triage: { status: 'closed', history: [{ at: new Date(2000), changes: { status: 'closed' } }, 'plain'] },
    };
    const before = structuredClone(doc);

    expect(JSON.parse(documentLine(doc))).toEqual({
      _id: 'r1',
      receivedAt: { $$date: 1000 },
      answers: { score: 3, tags: ['a'] },
      triage: { status: 'closed', history: [{ at: { $$date: 2000 }, changes: { status: 'closed' } }, 'plain'] },
    });
    expect(doc).toEqual(before);
    expect(documentLine(doc)).not.toContain('\n');
  });

  it('writes a deletion as a marker line', () => {
    expect(JSON.parse(deletionLine('r1'))).toEqual({ $$deleted: true, _id: 'r1' });
  });
});
