/**
 * How a delivery POSTs: one request, answered by its status and `Retry-After` once the receiver's headers
 * are in. Redirects are never followed (a moved endpoint is a config error); a network error or the
 * deadline rejects, with a message that says which.
 *
 * The collector's own transport is node:http(s) over keep-alive agents: `fetch` costs about four times its
 * CPU per POST (web streams, abort signals and the response objects around every answer), and an alert is
 * sent for most answers a product gets. `fetchPost` sends through any `fetch` instead, for hosts and tests
 * that bring their own.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface PostRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  /** The whole attempt's deadline, the answer's body included. */
  timeoutMs: number;
}

export interface PostAnswer {
  status: number;
  retryAfter: string | null;
}

export type Post = (request: PostRequest) => Promise<PostAnswer>;

export type Fetch = typeof globalThis.fetch;

/** Read to its end, a body up to this size leaves the connection open for the next delivery. */
const DRAIN_BODY_BYTES = 64 * 1024;

const timedOut = (timeoutMs: number) => new Error(`timed out after ${timeoutMs} ms`);

/**
 * How long an idle connection is kept for the next delivery (undici's default too). A receiver that closes
 * idle connections sooner says so in its `Keep-Alive` header, which the agents honour; one that does not
 * (nginx keeps them 75 s without saying) would otherwise see a POST on a connection it has just closed,
 * which fails and waits for the retry.
 */
export const IDLE_CONNECTION_MS = 4_000;

// Idle sockets are unreferenced by the agents, so they never keep a stopping collector alive.
const agentOptions = { keepAlive: true, timeout: IDLE_CONNECTION_MS };
const agents = { http: new HttpAgent(agentOptions), https: new HttpsAgent(agentOptions) };

/**
 * Only the status matters, so the answer does not wait for the body: it is drained beside it, still under
 * the deadline. A small body (a receiver's `ok`, sized or chunked) read to its end lets the connection
 * serve the next delivery; a larger one closes it, and one that never ends is cut by the deadline.
 */
function drain(response: IncomingMessage, done: () => void): void {
  let read = 0;
  response.on('data', (chunk: Buffer) => {
    read += chunk.byteLength;
    if (read > DRAIN_BODY_BYTES) response.destroy();
  });
  response.on('close', done);
}

export const httpPost: Post = ({ url, body, headers, timeoutMs }) =>
  new Promise<PostAnswer>((resolve, reject) => {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    if (!secure && target.protocol !== 'http:') {
      reject(new Error(`cannot POST to a ${target.protocol} URL`));
      return;
    }
    const request = (secure ? httpsRequest : httpRequest)(target, {
      method: 'POST',
      agent: secure ? agents.https : agents.http,
      headers: { 'content-type': 'application/json', ...headers, 'content-length': Buffer.byteLength(body) },
    });
    const deadline = setTimeout(() => request.destroy(timedOut(timeoutMs)), timeoutMs);
    deadline.unref(); // a body still draining when the collector stops does not keep it running
    request.on('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    request.on('response', (response) => {
      const retryAfter = response.headers['retry-after'];
      resolve({ status: response.statusCode ?? 0, retryAfter: retryAfter ?? null });
      drain(response, () => clearTimeout(deadline));
      // after the answer, an error (the deadline, a dropped connection) only ends the drain
      response.on('error', () => undefined);
    });
    request.end(body);
  });

/** The same through `fetch`. */
export function fetchPost(fetch: Fetch): Post {
  return async ({ url, body, headers, timeoutMs }) => {
    // The deadline is cleared once the attempt is over (its body drained): a timer left to fire later would
    // abort a finished request, which still costs an exception and the stream's teardown.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(timedOut(timeoutMs)), timeoutMs);
    timer.unref();
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        redirect: 'manual',
        signal: deadline.signal,
      });
    } catch (error) {
      clearTimeout(timer);
      throw deadline.signal.aborted ? deadline.signal.reason : error;
    }
    void drainStream(response.body).finally(() => clearTimeout(timer));
    return { status: response.status, retryAfter: response.headers.get('retry-after') };
  };
}

async function drainStream(body: ReadableStream<Uint8Array> | null): Promise<void> {
  if (!body) return;
  const reader = body.getReader();
  try {
    for (let read = 0; read <= DRAIN_BODY_BYTES; ) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // aborted by the deadline, or the connection dropped: the status has decided the outcome already
  }
}
