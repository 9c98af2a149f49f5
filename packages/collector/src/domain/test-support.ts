/**
 * Test support for domain and notify tests: real HTTP and SMTP receivers on 127.0.0.1, a config, a response,
 * an alert, temporary directories and per-test stores. Not imported by production code.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { afterEach, beforeEach } from 'vitest';
import { HeedConfigSchema, type HeedConfig, type HeedConfigInput } from '@heed/shared';
import type { AlertDoc, ResponseDoc, Store } from '../store/store.ts';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * An HTTP server on a free loopback port that records every request and answers with `respond` (default
 * 200). `respond` gets the request and its 0-based number.
 */
export async function startReceiver(
  respond: (request: ReceivedRequest, index: number, res: ServerResponse) => void = (_req, _i, res) => res.end('ok'),
): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      respond(request, requests.length - 1, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on a free loopback port; `reject` answers the DATA command with that SMTP code. */
export async function startSmtp(reject?: { code: number; message: string }) {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (reject) {
          callback(Object.assign(new Error(reject.message), { responseCode: reject.code }));
          return;
        }
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((resolve) => server.close(resolve)) };
}

/** The demo-like config the domain tests share; `overrides` replace top-level keys. */
export function testConfig(overrides: Partial<HeedConfigInput> = {}): HeedConfig {
  return HeedConfigSchema.parse({
    publicUrl: 'https://heed.example.com',
    projects: [{ key: 'pk_test', name: 'Test app' }],
    surveys: [
      { id: 'app-nps', project: 'pk_test', kind: 'nps', productArea: 'editor' },
      { id: 'paused-nps', project: 'pk_test', kind: 'nps', productArea: 'editor', active: false },
      {
        id: 'portal-cancel',
        project: 'pk_test',
        kind: 'cancel',
        productArea: 'billing',
        reasons: [
          { id: 'too-expensive', label: 'Too expensive' },
          { id: 'missing-features', label: 'Missing features' },
          { id: 'other', label: 'Something else' },
        ],
      },
      {
        id: 'extension-exit',
        project: 'pk_test',
        kind: 'uninstall',
        productArea: 'extension',
        reasons: [
          { id: 'not-useful', label: 'Not useful' },
          { id: 'too-slow', label: 'Too slow' },
          { id: 'privacy', label: 'Privacy concerns' },
        ],
      },
    ],
    owners: [
      { id: 'pm-editor', name: 'Editor PM' },
      { id: 'pm-growth', name: 'Growth PM' },
    ],
    routes: [
      { when: { productArea: 'editor' }, owner: 'pm-editor' },
      { when: { productArea: 'billing' }, owner: 'pm-growth' },
    ],
    rotation: { owners: ['pm-growth'], every: 'week', startsOn: '2026-01-05' },
    ...overrides,
  });
}

/** A stored NPS response; `overrides` replace top-level fields. */
export function testResponse(overrides: Partial<ResponseDoc> = {}): ResponseDoc {
  const receivedAt = overrides.receivedAt ?? new Date('2026-03-04T10:00:00Z');
  return {
    _id: '6f1c3a52-0d5e-4d7e-9d0a-3f6a2b1c9e11',
    submissionId: '0b8f1d9e-8a53-4a55-9b8e-2a1f4c6d7e80',
    projectKey: 'pk_test',
    surveyId: 'app-nps',
    kind: 'nps',
    productArea: 'editor',
    answers: { score: 3, comment: 'The editor <b>freezes</b> & loses my work' },
    category: 'detractor',
    hasComment: true,
    respondent: { userId: 'u_1', accountId: 'acct_9' },
    context: { plan: 'saas', url: 'https://app.example.com/doc/1', locale: 'en' },
    plan: 'saas',
    receivedAt,
    day: receivedAt.toISOString().slice(0, 10),
    routing: { status: 'routed', owner: 'pm-editor', reason: 'route:0' },
    triage: { status: 'new', tags: [], history: [] },
    ...overrides,
  };
}

/** A pending alert for `testResponse()`; `overrides` replace top-level fields. */
export function testAlert(overrides: Partial<AlertDoc> = {}): AlertDoc {
  const createdAt = new Date('2026-03-04T10:00:00Z');
  return {
    _id: 'b7a1e0f2-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
    responseId: testResponse()._id,
    ownerId: 'pm-editor',
    channel: 'webhook',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: createdAt,
    createdAt,
    ...overrides,
  };
}

/** A fresh temporary directory, removed by the returned cleanup. */
export async function tempDir(prefix = 'heed-test-'): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/**
 * For the calling suite: opens a fresh store before each test and hands it to `opened`; closes and removes
 * it after each test (after the suite's own later-registered afterEach hooks).
 */
export function useTestStore(
  open: () => Promise<{ store: Store; remove: () => Promise<void> }>,
  opened: (store: Store) => void | Promise<void>,
): void {
  let current: { store: Store; remove: () => Promise<void> } | undefined;
  beforeEach(async () => {
    current = await open();
    await opened(current.store);
  });
  afterEach(async () => {
    await current?.store.close();
    await current?.remove();
  });
}
