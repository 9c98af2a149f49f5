// The baseline: a bare Fastify app with the two hot routes' shapes and none of their work. POST parses the
// JSON body and answers 202; GET answers a fixed survey list (the demo config's, about the size Heed sends).
// Prints "listening <port>" once it accepts connections.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import Fastify from 'fastify';

const demo = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../heed.config.json'), 'utf8')) as { surveys: unknown[] };
const surveys = JSON.stringify({ project: { key: 'pk_demo', cooldownDays: 7 }, surveys: demo.surveys, seen: { lastShownAt: {}, lastAnyShownAt: null } });

const app = Fastify({ logger: false });
app.post('/v1/responses', async (request, reply) => {
  const body = request.body as { submissionId?: unknown };
  if (typeof body?.submissionId !== 'string') return reply.code(400).send({ message: 'submissionId' });
  return reply.code(202).send({ id: randomUUID(), duplicate: false });
});
app.get('/v1/projects/:key/surveys', async (_request, reply) => reply.type('application/json; charset=utf-8').send(surveys));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`listening ${(app.server.address() as { port: number }).port}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
