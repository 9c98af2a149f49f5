import { describe, expect, it } from 'vitest';
import { assertStorable, copyValue, EmbeddedDocuments, storableCopy } from './embedded-documents.ts';
import { INDEXES } from './store.ts';

describe('EmbeddedDocuments', () => {
  it('keeps one document per _id and per unique key, in insertion order', () => {
    const docs = new EmbeddedDocuments(INDEXES.responses);
    expect(docs.insert({ _id: 'b', submissionId: 's1' })).toBe(true);
    expect(docs.insert({ _id: 'a', submissionId: 's2' })).toBe(true);
    expect(docs.insert({ _id: 'b', submissionId: 's3' })).toBe(false);
    expect(docs.insert({ _id: 'c', submissionId: 's1' })).toBe(false);
    expect(docs.all().map((doc) => doc._id)).toEqual(['b', 'a']);
    expect(docs.lookup('submissionId', ['s2', 's9', 's1']).map((doc) => doc._id)).toEqual(['a', 'b']);
    expect(docs.lookup('_id', ['a', 'zz']).map((doc) => doc.submissionId)).toEqual(['s2']);
  });

  it('compares compound keys whole, keeps types apart, and counts a missing field as null', () => {
    const docs = new EmbeddedDocuments(INDEXES.alerts);
    const alert = (_id: string, fields: Record<string, unknown>) => ({ _id, responseId: 'r1', ownerId: 'pm', channel: 'slack', ...fields });
    expect(docs.insert(alert('1', {}))).toBe(true);
    expect(docs.insert(alert('2', { channel: 'webhook' }))).toBe(true);
    expect(docs.insert(alert('3', { channel: 'webhook' }))).toBe(false);
    expect(docs.insert(alert('4', { responseId: 1 }))).toBe(true);
    expect(docs.insert(alert('5', { responseId: '1' }))).toBe(true);
    expect(docs.insert(alert('6', { channel: undefined }))).toBe(true);
    expect(docs.insert(alert('7', { channel: null }))).toBe(false);
  });

  it('replaces a document unless it would take another one\'s key, and frees the keys of what it replaced or deleted', () => {
    const docs = new EmbeddedDocuments(INDEXES.responses);
    docs.insert({ _id: 'a', submissionId: 's1' });
    docs.insert({ _id: 'b', submissionId: 's2' });

    expect(docs.replace({ _id: 'b', submissionId: 's1' })).toBe(false);
    expect(docs.get('b')).toEqual({ _id: 'b', submissionId: 's2' });
    expect(docs.replace({ _id: 'b', submissionId: 's3', n: 1 })).toBe(true);
    expect(docs.lookup('submissionId', ['s2', 's3'])).toEqual([{ _id: 'b', submissionId: 's3', n: 1 }]);
    expect(docs.insert({ _id: 'c', submissionId: 's2' })).toBe(true);

    expect(docs.delete('a')).toBe(true);
    expect(docs.delete('a')).toBe(false);
    expect(docs.insert({ _id: 'a2', submissionId: 's1' })).toBe(true);
    expect(docs.all().map((doc) => doc._id)).toEqual(['b', 'c', 'a2']);
  });
});

describe('copyValue and storableCopy', () => {
  it('copy documents deeply, Dates included, sharing nothing', () => {
    const doc = { _id: 'a', at: new Date(7), list: [{ n: 1 }, null, 'x'], nested: { deep: { ok: true, none: undefined } } };
    for (const copy of [copyValue(doc), storableCopy(doc)]) {
      expect(copy).toStrictEqual(doc);
      expect(copy.at).not.toBe(doc.at);
      expect(copy.list[0]).not.toBe(doc.list[0]);
      expect(copy.nested.deep).not.toBe(doc.nested.deep);
    }
  });

  it('storableCopy refuses what assertStorable refuses', () => {
    expect(() => storableCopy({ _id: 'a', list: [{ $gt: 1 }] })).toThrow('field name "list.$gt"');
  });
});

describe('assertStorable', () => {
  it('accepts documents with Dates, arrays and nested documents', () => {
    expect(() => assertStorable({ _id: 'a', at: new Date(), list: [{ n: 1 }], nested: { deep: { ok: true } } })).not.toThrow();
  });

  it('refuses field names the datafile format reserves or that read as paths, naming the field', () => {
    expect(() => assertStorable({ _id: 'a', answers: { $$date: 1 } })).toThrow('field name "answers.$$date"');
    expect(() => assertStorable({ _id: 'a', list: [{ 'a.b': 1 }] })).toThrow('field name "list.a.b"');
  });
});
