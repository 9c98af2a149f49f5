import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { expect, inject, it } from 'vitest';
import { openStore } from './open-store.ts';

it('opens SQLite under dataDir when no MongoDB URI is given', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'heed-open-store-'));
  const store = await openStore({ mongoUri: '', dataDir });
  expect(store.engine).toBe('sqlite');
  await store.close();
  expect(await readdir(dataDir)).toContain('heed.sqlite');
  await rm(dataDir, { recursive: true, force: true });
});

it('opens MongoDB when a URI is given, on the database the URI names', async () => {
  const dbName = `heed_open_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const dataDir = join(tmpdir(), `heed-unused-${dbName}`);
  const store = await openStore({ mongoUri: `${inject('mongoUri')}${dbName}`, dataDir, onWarning: () => {} });
  expect(store.engine).toBe('mongo');
  await store.ping();
  await store.close();
  const admin = await mongoose.createConnection(inject('mongoUri'), { dbName, bufferCommands: false }).asPromise();
  expect(await admin.listCollections()).not.toHaveLength(0);
  await admin.dropDatabase();
  await admin.close();
  await expect(readdir(dataDir)).rejects.toThrow(/ENOENT/);
});
