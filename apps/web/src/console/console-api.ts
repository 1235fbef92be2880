// The console's door to the API: JSON in, JSON out, problem+json turned into ProblemError. The
// bearer token and its refresh come from the shared sign-in (an `AuthorizedFetch`), so this file
// knows nothing about tokens. Several response shapes (stock, valuation, production, statistics)
// have no schema in the OpenAPI document, so pages name their shapes in ./types.ts.
import { createContext, useContext } from 'react';
import { isProblem, ProblemError } from './problem.ts';

export type AuthorizedFetch = (path: string, init?: RequestInit) => Promise<Response>;

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function problemOf(response: Response): Promise<ProblemError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: fall through to a generic problem
  }
  if (isProblem(body)) return new ProblemError(body);
  return new ProblemError({ title: response.statusText || 'Request failed', status: response.status });
}

export class ConsoleApi {
  /** Called when the server says the session is over (revoked, expired, user deactivated). */
  onSessionEnded: (() => void) | undefined;

  constructor(private readonly fetcher: AuthorizedFetch) {}

  private async failure(response: Response): Promise<ProblemError> {
    // The shared fetch has already tried a refresh: a 401 now means the session has ended.
    if (response.status === 401) this.onSessionEnded?.();
    return problemOf(response);
  }

  async raw(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    let response: Response;
    try {
      response = await this.fetcher(withQuery(`/api/v1${path}`, options.query), {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ProblemError({ title: 'The server could not be reached', status: 0, code: 'offline' });
    }
    if (!response.ok) throw await this.failure(response);
    return response;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.raw(method, path, options);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', path, { query, signal });
  }
  /**
   * Every row of a cursor-paged list (`{ data, nextCursor }`), following nextCursor to the last page:
   * for pickers that must offer all of them, not the first page.
   */
  async getAllPages<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T[]> {
    const rows: T[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: T[]; nextCursor: string | null } = await this.get(
        path,
        { ...query, cursor },
        signal,
      );
      rows.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    return rows;
  }
  post<T>(path: string, body?: unknown, idempotencyKey?: string): Promise<T> {
    return this.request<T>('POST', path, { body: body ?? {}, idempotencyKey });
  }
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, { body });
  }
  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, { body });
  }
  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }
  /** A long-lived response read by the caller (the statistics event stream). */
  async stream(path: string, headers: Record<string, string>, signal: AbortSignal): Promise<Response> {
    const response = await this.fetcher(`/api/v1${path}`, { method: 'GET', headers, signal });
    if (!response.ok) throw await this.failure(response);
    return response;
  }
  /** A binary download (PDF, ZPL) as a Blob. */
  async blob(method: string, path: string, body?: unknown): Promise<Blob> {
    const response = await this.raw(method, path, { body });
    return response.blob();
  }
}

export const ConsoleApiContext = createContext<ConsoleApi | null>(null);

export function useConsoleApi(): ConsoleApi {
  const api = useContext(ConsoleApiContext);
  if (!api) throw new Error('useConsoleApi outside the console');
  return api;
}

/** A fresh key per user action, so a retried click never books twice. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
