import { randomUUID } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import mongoose from 'mongoose';
import { AlertSchema, StoredResponseSchema } from '@heed/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mongoSchemas } from './mongo-schemas.ts';
import { openMongoStore } from './mongo-store.ts';
import { FERRETDB_1_24_GAPS, storeContract } from './store-contract.ts';
import { makeResponse } from './store-fixtures.ts';
import type { ResponseDoc, Store } from './store.ts';

const uri = inject('mongoUri');
const isFerret = inject('mongoIsFerret');
const engine = isFerret ? 'FerretDB 1.24' : 'MongoDB';

/** A store on a database of its own, dropped afterwards. */
async function openIsolated(): Promise<{ store: Store; dbName: string; warnings: string[]; cleanup: () => Promise<void> }> {
  const dbName = `heed_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const warnings: string[] = [];
  const store = await openMongoStore({ uri, dbName, onWarning: (message) => warnings.push(message) });
  return {
    store,
    dbName,
    warnings,
    cleanup: async () => {
      await store.close();
      const admin = await mongoose.createConnection(uri, { dbName, bufferCommands: false }).asPromise();
      await admin.dropDatabase();
      await admin.close();
    },
  };
}

storeContract(`mongo store on ${engine}`, openIsolated, { unsupported: isFerret ? FERRETDB_1_24_GAPS : [], engine });

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A TCP relay to the test server that can be cut, to make the database go away under an open store. */
async function relayTo(target: string): Promise<{ uri: string; cut: () => Promise<void> }> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: relayPort } = server.address() as { port: number };
  return {
    uri: `mongodb://127.0.0.1:${relayPort}/`,
    cut: async () => {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

describe('mongo store', () => {
  let isolated: Awaited<ReturnType<typeof openIsolated>>;
  beforeAll(async () => {
    isolated = await openIsolated();
  });
  afterAll(async () => {
    await isolated.cleanup();
  });

  it('creates the contract indexes: unique submission id, unique alert key, displays by time', async () => {
    const db = mongoose.createConnection(uri, { dbName: isolated.dbName, bufferCommands: false });
    await db.asPromise();
    const indexes = async (name: string) => (await db.collection(name).indexes()).map(({ key, unique }) => ({ key, unique: unique ?? false }));
    expect(await indexes('responses')).toContainEqual({ key: { submissionId: 1 }, unique: true });
    expect(await indexes('alerts')).toContainEqual({ key: { responseId: 1, ownerId: 1, channel: 1 }, unique: true });
    expect(await indexes('displays')).toContainEqual({ key: { at: 1 }, unique: false });
    const ttl = (await db.collection('displays').indexes()).find((index) => index.key.at === 1)?.expireAfterSeconds;
    if (isFerret) {
      expect(ttl).toBeUndefined();
      expect(isolated.warnings).toEqual([expect.stringMatching(/^displays: this server has no TTL indexes/)]);
    } else {
      expect(ttl).toBe(400 * 24 * 3600);
      expect(isolated.warnings).toEqual([]);
    }
    await db.close();
  });

  it('has a schema path for every field of the shared response and alert schemas', () => {
    const storeOnly = ['effectsPending'] satisfies (keyof ResponseDoc)[];
    expect(Object.keys(mongoSchemas.responses.paths).filter((path) => !path.includes('.')).sort()).toEqual(
      [...Object.keys(StoredResponseSchema.shape), ...storeOnly].sort(),
    );
    expect(Object.keys(mongoSchemas.alerts.paths).sort()).toEqual(Object.keys(AlertSchema.shape).sort());
  });

  it('validates documents before inserting: the error names the field and nothing is stored', async () => {
    const responses = isolated.store.collection('responses');
    await expect(responses.insertOne(makeResponse(1, { answers: { score: 11 } }))).rejects.toThrow(/answers\.score|score/);
    await expect(responses.insertOne({ ...makeResponse(2), unexpected: true } as never)).rejects.toThrow(/unexpected/);
    await expect(responses.insertMany([makeResponse(3), makeResponse(4, { kind: 'survey' as never })])).rejects.toThrow(/kind/);
    expect(await responses.count({})).toBe(0);
  });

  it('fails fast with a clear error when the database cannot be reached', { timeout: 5000 }, async () => {
    const port = await closedPort();
    await expect(openMongoStore({ uri: `mongodb://heed:s3cret@127.0.0.1:${port}/`, serverSelectionTimeoutMS: 300 })).rejects.toThrow(
      new RegExp(`^could not connect to MongoDB at mongodb://heed:\\*\\*\\*@127\\.0\\.0\\.1:${port}/ \\(waited up to 300 ms\\): .*ECONNREFUSED`),
    );
  });

  it('ping rejects with a clear error once the database goes away', { timeout: 8000 }, async () => {
    const relay = await relayTo(uri);
    const store = await openMongoStore({ uri: relay.uri, dbName: isolated.dbName, serverSelectionTimeoutMS: 500, onWarning: () => {} });
    await store.ping();
    await relay.cut();
    await expect(store.ping()).rejects.toThrow(/^MongoDB at mongodb:\/\/127\.0\.0\.1:\d+\/ did not answer ping/);
    await store.close();
  });
});
