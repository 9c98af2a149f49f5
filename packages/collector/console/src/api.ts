/**
 * The console's only HTTP client: the admin API with the bearer token. A 401 means the token is wrong or
 * gone, and is reported through `onUnauthorized` so the console asks for it again.
 */
import type { ErrorBody } from '@heed/shared';

export type Query = Record<string, string | number | boolean | undefined>;

export interface Api {
  get<T>(path: string, query?: Query): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
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

export interface ApiOptions {
  token: string;
  onUnauthorized: () => void;
  fetch?: typeof globalThis.fetch;
}

export function createApi({ token, onUnauthorized, fetch = globalThis.fetch.bind(globalThis) }: ApiOptions): Api {
  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.ok) return (await response.json()) as T;
    const error = (await response.json().catch(() => undefined)) as Partial<ErrorBody> | undefined;
    if (response.status === 401) onUnauthorized();
    throw new ApiError(response.status, error?.code ?? 'HTTP_ERROR', error?.message ?? `${method} ${path}: HTTP ${response.status}`);
  }
  return {
    get: (path, query = {}) => request('GET', withQuery(path, query)),
    patch: (path, body) => request('PATCH', path, body),
  };
}

function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const search = params.toString();
  return search === '' ? path : `${path}?${search}`;
}
