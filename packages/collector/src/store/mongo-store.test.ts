import { createServer, connect, type Server, type Socket } from 'node:net';
import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { openMongoStore } from './mongo-store.ts';
import { mongoUri, onFerret, openIsolatedMongoStore, type IsolatedMongoStore } from './mongo-test-support.ts';
import { FERRETDB_1_24_GAPS, storeContract } from './store-contract.ts';
import { makeResponse } from './store-fixtures.ts';

const engine = onFerret() ? 'FerretDB 1.24' : 'MongoDB';

storeContract(`Mongo store on ${engine}`, () => openIsolatedMongoStore(), { unsupported: onFerret() ? FERRETDB_1_24_GAPS : [], engine });

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

describe(`Mongo store on ${engine}: the adapter`, () => {
  let isolated: IsolatedMongoStore;
  beforeAll(async () => {
    isolated = await openIsolatedMongoStore();
  });
  afterAll(async () => {
    await isolated.cleanup();
  });

  it('creates the unique keys and the displays expiry at open (a plain index and a warning where TTL is missing)', async () => {
    const db = await isolated.db();
    const indexes = async (name: string) => (await db.collection(name).indexes()).map(({ key, unique }) => ({ key, unique: unique ?? false }));
    expect(await indexes('items')).toContainEqual({ key: { source: 1, sourceId: 1 }, unique: true });
    expect(await indexes('alerts')).toContainEqual({ key: { responseId: 1, ownerId: 1, channel: 1 }, unique: true });
    const ttl = (await db.collection('displays').indexes()).find((index) => index.key.at === 1);
    expect(ttl).toBeDefined();
    if (onFerret()) {
      expect(ttl?.expireAfterSeconds).toBeUndefined();
      expect(isolated.warnings).toEqual([expect.stringMatching(/^displays: this server has no TTL indexes/)]);
    } else {
      expect(ttl?.expireAfterSeconds).toBe(400 * 24 * 3600);
      expect(isolated.warnings).toEqual([]);
    }
  });

  it('stores a response as a survey item with BSON dates and its owner, and no claim once its effects are written', async () => {
    const response = makeResponse(901, { routing: { status: 'routed', owner: 'pm-editor', reason: 'route:0' } });
    await isolated.store.responses.record(response, []);
    const item = await (await isolated.db()).collection('items').findOne({ _id: 'resp-901' as never });
    expect(item).toMatchObject({ source: 'survey', sourceId: response.submissionId, owner: 'pm-editor' });
    expect(item?.receivedAt).toBeInstanceOf(Date);
    expect(item).not.toHaveProperty('submissionId');
    expect(await (await isolated.db()).collection('claims').countDocuments({ _id: 'resp-901' as never })).toBe(0);
  });

  it('validates an answer before writing it: the error names the field and nothing is stored', async () => {
    await expect(isolated.store.responses.record(makeResponse(902, { answers: { score: 11 } }), [])).rejects.toThrow(/score/);
    await expect(isolated.store.responses.record({ ...makeResponse(903), unexpected: true } as never, [])).rejects.toThrow(/unexpected/);
    expect(await isolated.store.responses.get('resp-902')).toBeNull();
    expect(await isolated.store.responses.get('resp-903')).toBeNull();
  });

  it('fails fast with a clear error when the database cannot be reached', { timeout: 5000 }, async () => {
    const port = await closedPort();
    await expect(openMongoStore({ uri: `mongodb://heed:s3cret@127.0.0.1:${port}/`, serverSelectionTimeoutMS: 300 })).rejects.toThrow(
      new RegExp(`^could not connect to MongoDB at mongodb://heed:\\*\\*\\*@127\\.0\\.0\\.1:${port}/ \\(waited up to 300 ms\\): .*ECONNREFUSED`),
    );
  });

  it('ping rejects with a clear error once the database goes away', { timeout: 8000 }, async () => {
    const relay = await relayTo(mongoUri());
    const store = await openMongoStore({ uri: relay.uri, dbName: isolated.dbName, serverSelectionTimeoutMS: 500, onWarning: () => {} });
    await store.ping();
    await relay.cut();
    await expect(store.ping()).rejects.toThrow(/^MongoDB at mongodb:\/\/127\.0\.0\.1:\d+\/ did not answer ping/);
    await store.close();
  });
});
