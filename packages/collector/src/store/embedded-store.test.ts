import { appendFile, mkdtemp, open, readdir, readFile, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openEmbeddedStore } from './embedded-store.ts';
import { storeContract } from './store-contract.ts';
import { makeDisplay, makeResponse, makeRollup } from './store-fixtures.ts';

const tempDirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'heed-embedded-'));
  tempDirs.push(dir);
  return dir;
}
/** The prototype of node:fs file handles, whose methods the store's writes go through. */
async function fileHandlePrototype(dataDir: string): Promise<FileHandle> {
  const probe = await open(join(dataDir, 'responses.db'), 'r');
  await probe.close();
  return Object.getPrototypeOf(probe) as FileHandle;
}

afterEach(async () => {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

storeContract('embedded store (NeDB + mingo)', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'heed-embedded-contract-'));
  const store = await openEmbeddedStore({ dataDir });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});

describe('embedded store', () => {
  it('creates the data directory with one datafile per collection', async () => {
    const dataDir = join(await tempDir(), 'nested', 'data');
    const store = await openEmbeddedStore({ dataDir });
    await store.close();
    expect((await readdir(dataDir)).sort()).toEqual(['alerts.db', 'displays.db', 'leases.db', 'responses.db', 'rollups.db']);
  });

  it('keeps documents, Dates and unique indexes across close and reopen', async () => {
    const dataDir = await tempDir();
    const first = await openEmbeddedStore({ dataDir });
    await first.collection('responses').insertOne(makeResponse(1));
    await first.collection('responses').updateOne({ _id: 'resp-1' }, { $set: { 'triage.status': 'closed' } });
    await first.close();

    const second = await openEmbeddedStore({ dataDir });
    const stored = await second.collection('responses').findOne({ _id: 'resp-1' });
    expect(stored).toEqual(makeResponse(1, { triage: { status: 'closed', tags: [], history: [] } }));
    expect(stored?.receivedAt).toBeInstanceOf(Date);
    expect(await second.collection('responses').insertOne(makeResponse(2, { submissionId: makeResponse(1).submissionId }))).toEqual({ inserted: false });
    await second.close();
  });

  it('close() stores inserts that are still queued', async () => {
    const dataDir = await tempDir();
    const store = await openEmbeddedStore({ dataDir });
    const pending = store.collection('responses').insertOne(makeResponse(1));
    await store.close();
    expect(await pending).toEqual({ inserted: true });
    await expect(store.collection('responses').count({})).rejects.toThrow(/closed/);
    await expect(store.ping()).rejects.toThrow(/closed/);

    const reopened = await openEmbeddedStore({ dataDir });
    expect(await reopened.collection('responses').count({})).toBe(1);
    await reopened.close();
  });

  it('stores what a document held when insertOne was called, not what it holds later', async () => {
    const store = await openEmbeddedStore({ dataDir: await tempDir() });
    const doc = makeResponse(1);
    const inserted = store.collection('responses').insertOne(doc);
    doc.surveyId = 'changed-after-the-call';
    await inserted;
    expect((await store.collection('responses').findOne({ _id: 'resp-1' }))?.surveyId).toBe('app-nps');
    await store.close();
  });

  it('group commit: concurrent inserts share one fsync and are acknowledged only after it', async () => {
    const dataDir = await tempDir();
    const store = await openEmbeddedStore({ dataDir });
    const fileHandle = await fileHandlePrototype(dataDir);
    const events: string[] = [];
    const datasync = fileHandle.datasync;
    const spy = vi.spyOn(fileHandle, 'datasync').mockImplementation(async function (this: unknown) {
      await datasync.call(this);
      events.push('fsync');
    });
    try {
      const inserts = Array.from({ length: 50 }, (_, n) =>
        store.collection('responses').insertOne(makeResponse(n)).then(() => events.push('ack')),
      );
      await Promise.all(inserts);
    } finally {
      spy.mockRestore();
    }

    expect(events.filter((event) => event === 'fsync')).toHaveLength(1);
    expect(events[0]).toBe('fsync');
    expect(events.filter((event) => event === 'ack')).toHaveLength(50);
    await store.close();
  });

  it('updates from many callers are acknowledged only after an fsync, and share them', async () => {
    const dataDir = await tempDir();
    const store = await openEmbeddedStore({ dataDir });
    await store.collection('rollups').insertOne(makeRollup('2026-01-05'));
    const fileHandle = await fileHandlePrototype(dataDir);
    const events: string[] = [];
    const datasync = fileHandle.datasync;
    const spy = vi.spyOn(fileHandle, 'datasync').mockImplementation(async function (this: unknown) {
      await datasync.call(this);
      events.push('fsync');
    });
    try {
      await Promise.all(
        Array.from({ length: 40 }, () =>
          store.collection('rollups').updateOne({ _id: '2026-01-05|portal-cancel|saas' }, { $inc: { responses: 1 } }).then(() => events.push('ack')),
        ),
      );
    } finally {
      spy.mockRestore();
    }
    expect(events[0]).toBe('fsync');
    expect(events.filter((event) => event === 'ack')).toHaveLength(40);
    expect(events.filter((event) => event === 'fsync').length).toBeLessThanOrEqual(3);
    expect((await store.collection('rollups').findOne({}))?.responses).toBe(40);
    await store.close();
  });

  it('stops accepting writes once a datafile write fails, naming the file', async () => {
    const dataDir = await tempDir();
    const store = await openEmbeddedStore({ dataDir });
    const fileHandle = await fileHandlePrototype(dataDir);
    const spy = vi.spyOn(fileHandle, 'appendFile').mockRejectedValueOnce(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
    try {
      await expect(store.collection('responses').insertOne(makeResponse(1))).rejects.toThrow(/responses\.db failed; restart to reload it: ENOSPC/);
      await expect(store.collection('responses').insertOne(makeResponse(2))).rejects.toThrow(/ENOSPC/);
      await expect(store.collection('responses').count({})).rejects.toThrow(/ENOSPC/);
    } finally {
      spy.mockRestore();
    }
    await store.close();
    const reopened = await openEmbeddedStore({ dataDir });
    expect(await reopened.collection('responses').count({})).toBe(0);
    await reopened.close();
  });

  it('compaction keeps one line per live document', async () => {
    const dataDir = await tempDir();
    const store = await openEmbeddedStore({ dataDir, maintainEveryMs: 20 });
    await store.collection('responses').insertMany([makeResponse(1), makeResponse(2), makeResponse(3)]);
    for (let n = 0; n < 5; n += 1) await store.collection('responses').updateOne({ _id: 'resp-1' }, { $push: { 'triage.tags': `t${n}` } });
    await store.collection('responses').deleteMany({ _id: 'resp-3' });
    const file = join(dataDir, 'responses.db');
    await vi.waitFor(async () => expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(2), { timeout: 2000 });
    await store.close();

    const reopened = await openEmbeddedStore({ dataDir });
    expect((await reopened.collection('responses').findOne({ _id: 'resp-1' }))?.triage.tags).toEqual(['t0', 't1', 't2', 't3', 't4']);
    expect(await reopened.collection('responses').count({})).toBe(2);
    await reopened.close();
  });

  it('loads a datafile whose last append was torn by a crash, dropping only the fragment', async () => {
    const dataDir = await tempDir();
    const store = await openEmbeddedStore({ dataDir });
    await store.collection('responses').insertOne(makeResponse(1));
    await store.close();
    const file = join(dataDir, 'responses.db');
    await appendFile(file, '{"_id":"resp-2","submissionId":"torn');

    const reopened = await openEmbeddedStore({ dataDir });
    expect((await reopened.collection('responses').find({})).map((doc) => doc._id)).toEqual(['resp-1']);
    await reopened.close();
    expect((await readFile(file, 'utf8')).endsWith('\n')).toBe(true);
  });

  it('drops documents past the displays TTL when it opens', async () => {
    const dataDir = await tempDir();
    const now = new Date('2027-06-01T00:00:00Z');
    const store = await openEmbeddedStore({ dataDir, clock: () => new Date('2026-01-01T00:00:00Z') });
    await store.collection('displays').insertMany([
      makeDisplay(1, { at: new Date('2026-01-05T00:00:00Z') }),
      makeDisplay(2, { at: new Date('2027-05-01T00:00:00Z') }),
    ]);
    await store.close();

    const later = await openEmbeddedStore({ dataDir, clock: () => now });
    expect((await later.collection('displays').find({})).map((doc) => doc._id)).toEqual(['display-2']);
    await later.close();
  });

  it('drops expired documents periodically while open', async () => {
    let now = new Date('2026-01-05T00:00:00Z');
    const store = await openEmbeddedStore({ dataDir: await tempDir(), clock: () => now, maintainEveryMs: 20 });
    await store.collection('displays').insertOne(makeDisplay(1, { at: now }));
    now = new Date('2027-03-01T00:00:00Z');
    await vi.waitFor(async () => expect(await store.collection('displays').count({})).toBe(0), { timeout: 2000 });
    await store.close();
  });
});
