/**
 * Test fixture for outbox-crash.test.ts: an outbox worker in a process of its own, over a SQLite store,
 * so a test can kill it with SIGKILL mid-delivery. Prints "ready" once polling; SIGTERM stops it cleanly.
 * Usage: node --import tsx outbox-crash-worker.ts <dataDir> <configPath> <workerId>
 */
import { readFile } from 'node:fs/promises';
import { HeedConfigSchema } from '@heed/shared';
import { systemClock } from '../clock.ts';
import { notifyChannels } from '../notify/channels.ts';
import { httpPost } from '../notify/http-post.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import { startOutbox } from './outbox.ts';

const [dataDir, configPath, workerId] = process.argv.slice(2);
if (!dataDir || !configPath || !workerId) throw new Error('usage: outbox-crash-worker.ts <dataDir> <configPath> <workerId>');

const config = HeedConfigSchema.parse(JSON.parse(await readFile(configPath, 'utf8')));
const store = await openSqliteStore({ dataDir });
// Short lease and timeout so a killed worker's claim runs out quickly; the lease outlasts any attempt.
const channels = notifyChannels({ post: httpPost, timeoutMs: 1000 });
const outbox = startOutbox({ store, config, clock: systemClock, channels, workerId, pollMs: 50, leaseMs: 1500 });
// The outbox's timer does not hold the process open; this does, until SIGTERM.
const keepAlive = setInterval(() => undefined, 60_000);

process.once('SIGTERM', () => {
  clearInterval(keepAlive);
  void outbox.stop().then(() => store.close());
});
process.stdout.write('ready\n');
