// The collector's full ingest path (validation, idempotency, routing, rollups, alert outbox writes) over
// the embedded store in a fresh temp dir, or MongoDB when MONGODB_URI is set. Alerts are written to the
// outbox but not delivered here: delivery is not part of ingest.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeedConfigSchema } from '@heed/shared';
import { buildApp } from '../../src/http/app.ts';
import { openStore } from '../../src/store/open-store.ts';
import { benchConfig } from './bench-config.ts';
import { reportCpuOnRequest } from './report-cpu.ts';

const dataDir = await mkdtemp(join(tmpdir(), 'heed-bench-'));
const store = await openStore({ mongoUri: process.env.MONGODB_URI || undefined, dataDir });
const app = await buildApp({ config: HeedConfigSchema.parse(benchConfig), store, outbox: false, digest: false, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address() as { port: number };
reportCpuOnRequest();
process.stdout.write(`listening ${address.port}\n`);
process.on('SIGTERM', () => {
  void (async () => {
    await app.close();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
    process.exit(0);
  })();
});
