/**
 * The MongoDB adapter of the Store contract, to scale out (a replica set or a sharded cluster). Models are
 * registered on a connection of its own (never mongoose's default one), `bufferCommands: false` so a dead
 * database fails within `serverSelectionTimeoutMS` instead of queueing, and the schema indexes are created
 * at open. `hello` tells whether the deployment runs transactions; where it does not, answers and their
 * effects go by the claim protocol (`mongo-effects.ts`). No state lives in the process: claims and leases
 * are atomic server-side updates, so several collectors can share the database.
 */
import mongoose, { mongo, type Connection, type Model } from 'mongoose';
import { createContext } from './mongo-context.ts';
import { mongoAlerts } from './mongo-alerts.ts';
import { mongoDisplays } from './mongo-displays.ts';
import { mongoEscalations } from './mongo-escalations.ts';
import { eraseRespondent } from './mongo-erasure.ts';
import { mongoIntake } from './mongo-intake.ts';
import { mongoContacts, registerContactModels } from './mongo-contacts.ts';
import { mongoIssues, registerIssueModels } from './mongo-issues.ts';
import { mongoLeases } from './mongo-leases.ts';
import { registerModels } from './mongo-models.ts';
import { mongoReports } from './mongo-reports.ts';
import { mongoResponses } from './mongo-responses.ts';
import { mongoSettings, registerSettingsModels } from './mongo-settings.ts';
import type { Store } from './store.ts';

export interface MongoStoreOptions {
  uri: string;
  /** Defaults to the database named in the URI, else `heed`. */
  dbName?: string;
  /** How long an operation waits for a reachable server before it fails; default 5000. */
  serverSelectionTimeoutMS?: number;
  /** Told about degraded features (a server without TTL indexes); default `process.emitWarning`. */
  onWarning?: (message: string) => void;
  /** How long a writer holds an answer's effects before another collector may complete them; default 60 s. */
  claimMs?: number;
}

/** MongoDB's error code for an option the server does not implement (FerretDB answers it for TTL indexes). */
const NOT_IMPLEMENTED = 238;

export async function openMongoStore(options: MongoStoreOptions): Promise<Store> {
  const { uri, serverSelectionTimeoutMS = 5000, onWarning = (message) => process.emitWarning(message), claimMs = 60_000 } = options;
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

  const models = registerModels(connection);
  const settingsModels = registerSettingsModels(connection);
  const issueModels = registerIssueModels(connection);
  const contactModels = registerContactModels(connection);
  let transactions: boolean;
  try {
    transactions = await runsTransactions(connection);
    // One collection may back two models (`items`): its indexes are declared on one of them.
    for (const model of [...Object.values(models), ...Object.values(issueModels), ...Object.values(settingsModels), ...Object.values(contactModels)]) await createIndexes(model, onWarning);
  } catch (error) {
    await connection.close(true);
    throw new Error(`${where}: preparing the collections failed: ${(error as Error).message}`, { cause: error });
  }
  const context = createContext(connection, models, transactions, claimMs);

  return {
    engine: 'mongo',
    responses: mongoResponses(context),
    items: mongoIntake(context),
    displays: mongoDisplays(context),
    alerts: mongoAlerts(context),
    leases: mongoLeases(context),
    reports: mongoReports(context),
    escalations: mongoEscalations(context),
    settings: mongoSettings(settingsModels),
    issues: mongoIssues(context, issueModels),
    contacts: mongoContacts(context, contactModels),
    eraseRespondent: (userId) => eraseRespondent(context, userId),
    async ping() {
      try {
        await database(connection).command({ ping: 1 });
      } catch (error) {
        throw new Error(`${where} did not answer ping: ${(error as Error).message}`, { cause: error });
      }
    },
    async close() {
      await connection.close();
    },
  };
}

/** A replica set member (`setName`) or a mongos (`msg: 'isdbgrid'`) runs multi-document transactions. */
async function runsTransactions(connection: Connection): Promise<boolean> {
  const hello = await database(connection).command({ hello: 1 });
  return typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
}

/**
 * Creates the indexes declared on the model's schema. A server that cannot expire documents (FerretDB)
 * gets the same index without TTL, and a warning, rather than no index at all.
 */
async function createIndexes(model: Model<mongo.Document>, onWarning: (message: string) => void): Promise<void> {
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
