// Browser sessions: sign-in asks the server to keep the refresh token in an HttpOnly cookie
// (the X-OpsLedger-Client header), refresh spends that cookie, and sign-out revokes the session
// and drops the cookie. The custom header is also what makes the cookie refresh CSRF-proof.
import { ApiError, NetworkError, problemOf } from './problem.ts';
import { setAccessToken } from './tokens.ts';
import type { LoginUser } from './types.ts';

export const BROWSER_CLIENT_HEADERS = { 'X-OpsLedger-Client': 'web' } as const;
export const APP_VERSION = '0.1.0';

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  try {
    return await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...BROWSER_CLIENT_HEADERS,
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new NetworkError(error);
  }
}

export interface DeviceInfo {
  type: string;
  os: string;
  osVersion: string;
  appVersion: string;
}

/** What the browser says about the device, for the session list ("which phone signed in?"). */
export function describeDevice(): DeviceInfo {
  const ua = navigator.userAgent;
  const android = /Android ([\d.]+)/.exec(ua);
  const ios = /OS (\d+[_\d]*) like Mac OS X/.exec(ua);
  const os = android
    ? 'Android'
    : ios
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Linux/.test(ua)
          ? 'Linux'
          : 'Other';
  const osVersion = android?.[1] ?? ios?.[1]?.replace(/_/g, '.') ?? '';
  const type = /Mobi|Android|iPhone/.test(ua) ? 'phone' : /iPad|Tablet/.test(ua) ? 'tablet' : 'browser';
  return { type, os, osVersion: osVersion || 'unknown', appVersion: APP_VERSION };
}

export async function signIn(input: { workspace: string; email: string; password: string; otp?: string }) {
  const response = await post('/api/v1/auth/login', { ...input, device: describeDevice() });
  if (!response.ok) throw await problemOf(response);
  const body = (await response.json()) as { accessToken: string; user: LoginUser };
  setAccessToken(body.accessToken);
  return body.user;
}

let refreshing: Promise<boolean> | null = null;

/**
 * A new access token from the refresh cookie. Concurrent callers share one request: the server
 * rotates the cookie on every use, and a second use of the old one would revoke the session.
 * False when the session is over; throws NetworkError when the server cannot be reached.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const response = await post('/api/v1/auth/refresh', {});
      if (!response.ok) {
        setAccessToken(null);
        return false;
      }
      const body = (await response.json()) as { accessToken: string };
      setAccessToken(body.accessToken);
      return true;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** Revokes the session on the server (which also drops the cookie). Best effort when offline. */
export async function signOutOnServer(accessToken: string | null): Promise<void> {
  if (!accessToken) return;
  const response = await post('/api/v1/auth/logout', undefined, { Authorization: `Bearer ${accessToken}` });
  if (!response.ok && response.status !== 401) throw await problemOf(response);
}

export { ApiError };
