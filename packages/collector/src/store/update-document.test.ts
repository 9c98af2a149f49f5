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

  it('pushes each of $each, pulls equal values ($pull, $pullAll), and creates missing parents', () => {
    const doc: Record<string, unknown> = { _id: 'a', ids: ['r1', 'r2', 'r3', 'r2'], at: [new Date(0), new Date(1)] };
    expect(applyUpdate(doc, { $push: { ids: { $each: ['r4', 'r5'] }, 'scope.list': 'x' }, $pull: { at: new Date(1) } }, false)).toEqual([
      'ids',
      'scope.list',
      'at',
    ]);
    expect(applyUpdate(doc, { $pullAll: { ids: ['r2', 'r4', 'r9'] } }, false)).toEqual(['ids']);
    expect(doc).toEqual({ _id: 'a', ids: ['r1', 'r3', 'r5'], at: [new Date(0)], scope: { list: ['x'] } });
  });

  it('changes no object or array inside the document, so a shallow copy leaves the original as it was', () => {
    const original = { _id: 'a', triage: { tags: ['x'], history: [{ status: 'new' }] }, reasons: { a: 1 }, ids: ['r1', 'r2'], gone: { deep: 1 } };
    const before = structuredClone(original);
    const next: Record<string, unknown> = { ...original };
    applyUpdate(
      next,
      { $push: { 'triage.history': { status: 'closed' }, 'triage.tags': 'y' }, $inc: { 'reasons.a': 1 }, $pullAll: { ids: ['r1'] }, $unset: { 'gone.deep': '' } },
      false,
    );
    expect(original).toEqual(before);
    expect(next).toEqual({
      _id: 'a',
      triage: { tags: ['x', 'y'], history: [{ status: 'new' }, { status: 'closed' }] },
      reasons: { a: 2 },
      ids: ['r2'],
      gone: {},
    });
  });

  it('reports only what changed', () => {
    const doc: Record<string, unknown> = { _id: 'a', n: 1, tags: ['x'], when: new Date(5), nested: { v: [1] } };
    const update = { $set: { n: 1, when: new Date(5), 'nested.v': [1] }, $unset: { missing: '' }, $inc: { n2: 0 }, $pull: { tags: 'y' }, $push: { list: { $each: [] } } };
    expect(applyUpdate(doc, update, false)).toEqual(['n2', 'list']);
    expect(doc).toEqual({ _id: 'a', n: 1, n2: 0, tags: ['x'], list: [], when: new Date(5), nested: { v: [1] } });
  });

  it('refuses what MongoDB refuses: conflicting paths, $inc of a non-number, $push to a non-array, a path through a value', () => {
    expect(() => applyUpdate({ _id: 'a' }, { $set: { a: 1 }, $inc: { a: 1 } }, false)).toThrow(/conflict/);
    expect(() => applyUpdate({ _id: 'a' }, { $set: { 'a.b': 1 }, $unset: { a: '' } }, false)).toThrow(/conflict/);
    expect(() => applyUpdate({ _id: 'a', s: 'x' }, { $inc: { s: 1 } }, false)).toThrow(/non-numeric/);
    expect(() => applyUpdate({ _id: 'a', s: 'x' }, { $push: { s: 1 } }, false)).toThrow(/non-array/);
    expect(() => applyUpdate({ _id: 'a', s: 'x' }, { $set: { 's.t': 1 } }, false)).toThrow(/not a document/);
    expect(() => applyUpdate({ _id: 'a' }, { $set: { '__proto__.polluted': 1 } }, false)).toThrow(/unsupported update path/);
    expect(() => applyUpdate({ _id: 'a', l: [1] }, { $pull: { l: { $gt: 0 } } }, false)).toThrow(/equal values only/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
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
