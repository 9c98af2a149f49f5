// The owners' webhook receiver during the bench: answers 200 to every POST and counts the distinct
// Heed-Delivery-Ids it received, by payload type (response.routed alerts, digest.weekly digests), and the
// repeats. GET /stats answers the counts. Prints "listening <port>".
import { createServer } from 'node:http';

const seen = new Set<string>();
const counts = { alerts: 0, digests: 0, other: 0, repeats: 0 };

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/stats') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(counts));
    return;
  }
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const id = String(request.headers['heed-delivery-id'] ?? '');
    if (seen.has(id)) counts.repeats += 1;
    else {
      seen.add(id);
      let type = '';
      try {
        type = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type?: string }).type ?? '';
      } catch {
        // counted as other
      }
      if (type === 'response.routed') counts.alerts += 1;
      else if (type === 'digest.weekly') counts.digests += 1;
      else counts.other += 1;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
