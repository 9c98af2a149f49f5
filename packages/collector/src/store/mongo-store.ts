/**
 * The MongoDB engine, for production and for running several collector instances: models registered on a
 * connection of their own (never mongoose's default one), `bufferCommands: false` so a dead database fails
 * within `serverSelectionTimeoutMS` instead of queueing, and the schema indexes created at open.
 * No state lives in the process beyond the current tick's insert batch: claims and leases are atomic
 * server-side updates. (FerretDB 1.24 does not isolate concurrent updates of one document; see
 * FERRETDB_1_24_GAPS in store-contract.ts.)
 */
import mongoose, { mongo, type Connection } from 'mongoose';
import { MongoCollection, type MongoModel } from './mongo-collection.ts';
import { mongoSchemas } from './mongo-schemas.ts';
import type { CollectionName, Collections, Store } from './store.ts';

export interface MongoStoreOptions {
  uri: string;
  /** Defaults to the database named in the URI, else `heed`. */
  dbName?: string;
  /** How long an operation waits for a reachable server before it fails; default 5000. */
  serverSelectionTimeoutMS?: number;
  /** Told about degraded features (a server without TTL indexes); default `process.emitWarning`. */
  onWarning?: (message: string) => void;
}

type MongoCollections = { [K in CollectionName]: MongoCollection<Collections[K]> };

/** MongoDB's error code for an option the server does not implement (FerretDB answers it for TTL indexes). */
const NOT_IMPLEMENTED = 238;

const COLLECTION_NAMES = Object.keys(mongoSchemas) as CollectionName[];

export async function openMongoStore(options: MongoStoreOptions): Promise<Store> {
  const { uri, serverSelectionTimeoutMS = 5000, onWarning = (message) => process.emitWarning(message) } = options;
  const where = `MongoDB at ${redact(uri)}`;
  const connection = mongoose.createConnection(uri, {
    dbName: options.dbName ?? (databaseInUri(uri) ? undefined : 'heed'),
    bufferCommands: false,
    autoIndex: false,
    autoCreate: false,
    serverSelectionTimeoutMS,
    ignoreUndefined: true,
  });
  try {
    await connection.asPromise();
  } catch (error) {
    await connection.close(true);
    throw new Error(`could not connect to ${where} (waited up to ${serverSelectionTimeoutMS} ms): ${(error as Error).message}`, { cause: error });
  }

  const collections = {} as Record<CollectionName, MongoCollection<{ _id: string }>>;
  try {
    await Promise.all(
      COLLECTION_NAMES.map(async (name) => {
        const model = connection.model<mongo.Document, MongoModel>(name, mongoSchemas[name]);
        await createIndexes(model, onWarning);
        collections[name] = new MongoCollection(model);
      }),
    );
  } catch (error) {
    await connection.close(true);
    throw new Error(`${where}: creating the indexes failed: ${(error as Error).message}`, { cause: error });
  }
  const typed = collections as MongoCollections;

  return {
    engine: 'mongo',
    collection: (name) => typed[name],
    async ping() {
      try {
        await database(connection).command({ ping: 1 });
      } catch (error) {
        throw new Error(`${where} did not answer ping: ${(error as Error).message}`, { cause: error });
      }
    },
    async close() {
      await Promise.all(Object.values(typed).map((collection) => collection.flush()));
      await connection.close();
    },
  };
}

/**
 * Creates the indexes declared on the model's schema. A server that cannot expire documents (FerretDB)
 * gets the same index without TTL, and a warning, rather than no index at all.
 */
async function createIndexes(model: MongoModel, onWarning: (message: string) => void): Promise<void> {
  for (const [definition, declared] of model.schema.indexes()) {
    const fields = definition as Record<string, 1 | -1>;
    const indexOptions = declared as mongo.CreateIndexesOptions;
    try {
      await model.collection.createIndex(fields, indexOptions);
    } catch (error) {
      const { expireAfterSeconds, ...withoutTtl } = indexOptions;
      if (expireAfterSeconds === undefined || !(error instanceof mongo.MongoServerError) || error.code !== NOT_IMPLEMENTED) throw error;
      await model.collection.createIndex(fields, withoutTtl);
      onWarning(
        `${model.collection.collectionName}: this server has no TTL indexes, so documents older than ` +
          `${expireAfterSeconds} s (field ${Object.keys(fields).join(', ')}) are not deleted automatically`,
      );
    }
  }
}

function database(connection: Connection): mongo.Db {
  if (!connection.db) throw new Error('the MongoDB connection is closed');
  return connection.db;
}

function databaseInUri(uri: string): boolean {
  return /^mongodb(\+srv)?:\/\/[^/]+\/[^?/]+/.test(uri);
}

/** The URI without its password, for messages and logs. */
function redact(uri: string): string {
  return uri.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
