// The typed API client (paths and bodies from the server's OpenAPI document, src/api/schema.ts).
// Every request carries the in-memory access token; a 401 for an expired token refreshes once
// through the cookie and retries. Network failures become NetworkError so callers can queue.
import createClient from 'openapi-fetch';
import { ApiError, NetworkError, type ProblemBody, problemOf } from './problem.ts';
import type { paths } from './schema.ts';
import { refreshSession } from './session.ts';
import { currentAccessToken } from './tokens.ts';

/** fetch with the bearer token, one refresh-and-retry on 401, and NetworkError for no answer. */
export async function authorizedFetch(input: Request): Promise<Response> {
  const attempt = async (request: Request) => {
    const token = currentAccessToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    try {
      return await fetch(request);
    } catch (error) {
      throw new NetworkError(error);
    }
  };
  const retry = input.clone();
  const response = await attempt(input);
  if (response.status !== 401) return response;
  if (!(await refreshSession())) return response;
  return attempt(retry);
}

export const api = createClient<paths>({ baseUrl: '', fetch: authorizedFetch });

/** The data of an openapi-fetch result, or the API's problem as an ApiError. */
export async function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): Promise<T> {
  if (result.response.ok) return result.data as T;
  throw new ApiError(result.response.status, (result.error ?? {}) as ProblemBody);
}

/** Plain JSON calls for routes whose responses the OpenAPI document leaves untyped. */
export async function requestJson<T>(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ data: T; response: Response }> {
  const request = new Request(path, {
    method,
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const response = await authorizedFetch(request);
  if (!response.ok) throw await problemOf(response);
  return { data: (response.status === 204 ? null : await response.json()) as T, response };
}
