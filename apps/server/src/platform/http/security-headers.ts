// Response headers every answer carries: no caching of API data (it is per-user and often
// personal), no sniffing, no framing, no referrer, and HSTS when we terminate TLS ourselves.
//
// Content-Security-Policy: API answers allow nothing at all. Everything else (the web app) may load
// only from its own origin and talk only to its own origin and the API origins configured for this
// deployment — no third-party scripts, fonts, analytics or image hosts, so nothing the app handles
// (camera frames included) can be sent anywhere else. 'wasm-unsafe-eval' lets the barcode decoder's
// WebAssembly (served by us) compile; it does not allow eval of scripts.
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';

export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export function appCsp(connectSources: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self'",
    `connect-src ${["'self'", ...connectSources].join(' ')}`,
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "style-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The API origins the web app may call: this deployment's public URL, the backends in the
 * workspace directory (the universal app finds its backend by workspace code) and CSP_CONNECT_SRC.
 */
export function cspConnectSources(
  config: Pick<Config, 'publicUrl' | 'directoryFile' | 'cspConnectSources'>,
): string[] {
  const urls: string[] = [...config.cspConnectSources];
  if (config.publicUrl) urls.push(config.publicUrl);
  if (config.directoryFile) {
    try {
      const raw = JSON.parse(fs.readFileSync(config.directoryFile, 'utf8')) as Record<
        string,
        string | { apiBaseUrl?: string }
      >;
      for (const entry of Object.values(raw)) {
        const url = typeof entry === 'string' ? entry : entry.apiBaseUrl;
        if (url) urls.push(url);
      }
    } catch {
      // An unreadable directory adds nothing; workspace discovery reports it on use.
    }
  }
  const origins = urls.map(originOf).filter((o): o is string => o !== undefined);
  return [...new Set(origins)].sort();
}

export function registerSecurityHeaders(
  app: FastifyInstance,
  options: { hsts: boolean; connectSources?: readonly string[] },
): void {
  const csp = appCsp(options.connectSources ?? []);
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    reply.header('Permissions-Policy', 'camera=(self), microphone=(), geolocation=()');
    const api = request.url.startsWith('/api/') || request.url.startsWith('/.well-known/');
    // A route may set a stricter or more specific policy of its own (the unsubscribe form page).
    if (!reply.hasHeader('Content-Security-Policy'))
      reply.header('Content-Security-Policy', api ? API_CSP : csp);
    if (api && !reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    if (options.hsts) reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    return payload;
  });
}
