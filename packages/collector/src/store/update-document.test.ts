import { describe, expect, it } from 'vitest';
import { applyUpdate, upsertDocument } from './update-document.ts';

describe('applyUpdate', () => {
  it('applies operators in place and returns the changed paths', () => {
    const doc: Record<string, unknown> = { _id: 'a', n: 1, tags: ['x'], gone: true };
    expect(applyUpdate(doc, { $inc: { n: 2, 'reasons.too-expensive': 1 }, $push: { tags: 'y' }, $unset: { gone: '' } }, false).sort()).toEqual(
      ['gone', 'n', 'reasons.too-expensive', 'tags'],
    );
    expect(doc).toEqual({ _id: 'a', n: 3, tags: ['x', 'y'], reasons: { 'too-expensive': 1 } });
  });

  it('ignores $setOnInsert on an existing document and reports no change', () => {
    const doc = { _id: 'a', day: '2026-01-01' };
    expect(applyUpdate(doc, { $setOnInsert: { day: '2026-02-02' } }, false)).toEqual([]);
    expect(doc.day).toBe('2026-01-01');
  });

  it('does not share values with the update it was given', () => {
    const entry = { at: new Date(0), changes: { status: 'closed' } };
    const doc: Record<string, unknown> = { _id: 'a', history: [] };
    applyUpdate(doc, { $push: { history: entry } }, false);
    entry.changes.status = 'mutated';
    expect(doc.history).toEqual([{ at: new Date(0), changes: { status: 'closed' } }]);
  });

  it('refuses replacement documents, empty updates and changes of _id', () => {
    expect(() => applyUpdate({ _id: 'a' }, { status: 'x' }, false)).toThrow(/operators/);
    expect(() => applyUpdate({ _id: 'a' }, {}, false)).toThrow(/operators/);
    expect(() => applyUpdate({ _id: 'a' }, { $set: { _id: 'b' } }, false)).toThrow(/_id/);
    expect(() => applyUpdate({ _id: 'a' }, { $frobnicate: { n: 1 } }, false)).toThrow(/\$frobnicate/);
  });
});

describe('upsertDocument', () => {
  it('starts from the filter equalities ($eq, dotted paths, $and) and ignores other conditions', () => {
    const doc = upsertDocument(
      { _id: 'r1', 'scope.plan': 'saas', day: { $eq: '2026-01-05' }, $and: [{ surveyId: 'nps' }, { responses: { $gte: 0 } }], $or: [{ a: 1 }] },
      { $inc: { responses: 1 }, $setOnInsert: { kind: 'nps' } },
    );
    expect(doc).toEqual({ _id: 'r1', scope: { plan: 'saas' }, day: '2026-01-05', surveyId: 'nps', responses: 1, kind: 'nps' });
  });

  it('gives a string _id when neither the filter nor the update names one', () => {
    const doc = upsertDocument({ day: '2026-01-05' }, { $set: { n: 1 } });
    expect(doc).toMatchObject({ day: '2026-01-05', n: 1 });
    expect(doc._id).toEqual(expect.any(String));
    expect(upsertDocument({}, { $setOnInsert: { _id: 'given' } })._id).toBe('given');
  });
});
