/**
 * The console's only HTTP client: the admin API with the bearer token. A 401 means the token is wrong or
 * gone, or the admin API is off (`HEED_ERR_ADMIN_DISABLED`), and is reported through `onUnauthorized` with
 * the server's error so the console asks for the token again and says why.
 */
import type { ErrorBody } from '@heed/shared';
import { readActor } from './use-actor.ts';

export type Query = Record<string, string | number | boolean | undefined>;

export interface Download {
  blob: Blob;
  /** From the answer's Content-Disposition, else `fallbackName`. */
  filename: string;
}

export interface Api {
  get<T>(path: string, query?: Query): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  /** `basedOn`: the version of the change the edit started from, sent as `If-Match` (a 412 when it moved on). */
  put<T>(path: string, body: unknown, basedOn?: number): Promise<T>;
  delete<T>(path: string): Promise<T>;
  /** A file the admin API answers (CSV export): read with the token, since a plain link carries none. */
  download(path: string, query: Query, fallbackName: string): Promise<Download>;
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const ADMIN_DISABLED = 'HEED_ERR_ADMIN_DISABLED';

export interface ApiOptions {
  token: string;
  onUnauthorized: (error: ApiError) => void;
  /**
   * Who is making changes, sent as `X-Heed-Actor` on writes (read at each request: the name may change);
   * by default the name this browser remembers.
   */
  actor?: () => string | null;
  fetch?: typeof globalThis.fetch;
}

export function createApi({ token, onUnauthorized, actor = readActor, fetch = globalThis.fetch.bind(globalThis) }: ApiOptions): Api {
  async function send(method: string, path: string, body: unknown, accept: string, ifMatch?: string): Promise<Response> {
    const name = method === 'GET' ? null : actor();
    const response = await fetch(path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        // Header values are ASCII: the name travels percent-encoded, and the collector decodes it.
        ...(name ? { 'x-heed-actor': encodeURIComponent(name) } : {}),
        ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.ok) return response;
    const error = (await response.json().catch(() => undefined)) as Partial<ErrorBody> | undefined;
    const failure = new ApiError(response.status, error?.code ?? 'HTTP_ERROR', error?.message ?? `${method} ${path}: HTTP ${response.status}`);
    if (response.status === 401) onUnauthorized(failure);
    throw failure;
  }
  const json = async <T>(method: string, path: string, body?: unknown, ifMatch?: string): Promise<T> =>
    (await (await send(method, path, body, 'application/json', ifMatch)).json()) as T;
  return {
    get: (path, query = {}) => json('GET', withQuery(path, query)),
    patch: (path, body) => json('PATCH', path, body),
    post: (path, body) => json('POST', path, body),
    put: (path, body, basedOn) => json('PUT', path, body, basedOn === undefined ? undefined : `"${basedOn}"`),
    delete: (path) => json('DELETE', path),
    async download(path, query, fallbackName) {
      const response = await send('GET', withQuery(path, query), undefined, '*/*');
      const disposition = response.headers.get('content-disposition') ?? '';
      const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
      return { blob: await response.blob(), filename };
    },
  };
}

export function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const search = params.toString();
  return search === '' ? path : `${path}?${search}`;
}

/** Every item of a cursor-paginated list, a page of `limit` at a time, stopping after `maxPages`. */
export async function getAll<T>(api: Api, path: string, query: Query, maxPages = 20): Promise<{ items: T[]; complete: boolean }> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const answer = await api.get<{ items: T[]; nextCursor: string | null }>(path, { limit: 500, ...query, cursor });
    items.push(...answer.items);
    if (!answer.nextCursor) return { items, complete: true };
    cursor = answer.nextCursor;
  }
  return { items, complete: false };
}

/** Saves a downloaded file through a temporary link, as the browser's own download. */
export function saveDownload({ blob, filename }: Download): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
