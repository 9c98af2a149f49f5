// Baseline for the ingest benchmark: a bare Fastify JSON endpoint that parses the body and answers 202.
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import { reportCpuOnRequest } from './report-cpu.ts';

const app = Fastify({ logger: false });
app.post('/v1/responses', async (request, reply) => {
  const body = request.body as { submissionId?: unknown };
  if (typeof body?.submissionId !== 'string') return reply.code(400).send({ message: 'submissionId' });
  return reply.code(202).send({ id: randomUUID(), duplicate: false });
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address() as { port: number };
reportCpuOnRequest();
process.stdout.write(`listening ${address.port}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
