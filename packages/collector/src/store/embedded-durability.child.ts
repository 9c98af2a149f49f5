/**
 * The writer of embedded-durability.test.ts, run as a child process: opens the embedded store in the
 * directory given as its argument and writes without end (bounded), printing `insert <id>` once an insert
 * is acknowledged and `inc` once a rollup increment is, until the test kills it.
 */
import { openEmbeddedStore } from './embedded-store.ts';
import { makeResponse } from './store-fixtures.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: embedded-durability.child.ts <data dir>');

const MAX_WRITES = 20_000;
const store = await openEmbeddedStore({ dataDir });
const responses = store.collection('responses');
const rollups = store.collection('rollups');

for (let next = 0; next < MAX_WRITES; ) {
  const round = Array.from({ length: 25 }, () => makeResponse(next++));
  await Promise.all([
    ...round.map(async (doc) => {
      await responses.insertOne(doc);
      process.stdout.write(`insert ${doc._id}\n`);
    }),
    rollups.updateOne({ _id: 'writes' }, { $inc: { responses: 1 } }, { upsert: true }).then(() => process.stdout.write('inc\n')),
  ]);
}
await store.close();
