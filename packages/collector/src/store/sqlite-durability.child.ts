/**
 * Child process of the durability test: records answers (each with an alert) as fast as it can, many at a
 * time, and prints each id once its record is acknowledged, until it is killed.
 */
import { openSqliteStore } from './sqlite-store.ts';
import { makeAlert, makeResponse } from './store-fixtures.ts';

const store = await openSqliteStore({ dataDir: process.argv[2] as string });
let n = 0;
for (;;) {
  const batch = Array.from({ length: 20 }, () => {
    n += 1;
    return store.responses
      .record(makeResponse(n, { _id: `resp-${n}`, submissionId: crypto.randomUUID() }), [makeAlert(n)])
      .then(({ id }) => process.stdout.write(`${id}\n`));
  });
  await Promise.all(batch);
}
