// The refresh token for browser clients: an HttpOnly, Secure, SameSite=Strict cookie scoped to the
// auth routes, so page script (and anything injected into it) can never read it. Native clients keep
// the JSON-body contract. A cookie is sent by the browser on its own, so spending it also needs a
// custom header: a cross-site form cannot set one, and a cross-origin fetch would need a CORS
// preflight that allows it (ours does not) — CSRF is refused twice over.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problem } from '../../platform/errors.ts';

/** `__Secure-`: browsers accept it only with Secure from a secure origin (HTTPS or localhost). */
export const REFRESH_COOKIE = '__Secure-opsledger_refresh';
const COOKIE_PATH = '/api/v1/auth';
/** The header a browser client sends to spend or ask for the cookie. */
export const BROWSER_CLIENT_HEADER = 'x-opsledger-client';
export const BROWSER_CLIENT_VALUE = 'web';

export function wantsCookie(request: FastifyRequest): boolean {
  return request.headers[BROWSER_CLIENT_HEADER] === BROWSER_CLIENT_VALUE;
}

export function readRefreshCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === REFRESH_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The cookie's token, refused unless the request also carries the browser-client header. */
export function refreshTokenFromCookie(request: FastifyRequest): string {
  const token = readRefreshCookie(request);
  if (!token || !wantsCookie(request)) throw problem('invalid_refresh_token');
  return token;
}

export function setRefreshCookie(reply: FastifyReply, token: string, maxAgeSeconds: number): void {
  reply.header(
    'Set-Cookie',
    `${REFRESH_COOKIE}=${token}; Path=${COOKIE_PATH}; Max-Age=${maxAgeSeconds}; HttpOnly; Secure; SameSite=Strict`,
  );
}

export function clearRefreshCookie(reply: FastifyReply): void {
  reply.header(
    'Set-Cookie',
    `${REFRESH_COOKIE}=; Path=${COOKIE_PATH}; Max-Age=0; HttpOnly; Secure; SameSite=Strict`,
  );
}
