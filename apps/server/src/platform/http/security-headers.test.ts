// Nothing leaves: the web app may load from and talk to only its own origin and the configured API
// origins (no third-party scripts, fonts, analytics), API answers allow nothing at all, and no
// endpoint accepts an image or a file upload — camera frames are decoded on the device and only
// the decoded text is ever sent.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';
import { API_CSP, appCsp, cspConnectSources } from './security-headers.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsledger-csp-'));
const directory = path.join(dir, 'directory.json');
fs.writeFileSync(
  directory,
  JSON.stringify({
    acme: 'https://erp.acme.example/api/v1',
    beta: { apiBaseUrl: 'https://beta.example:8443/api/v1' },
  }),
);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    publicUrl: 'https://ops.example.com',
    directoryFile: directory,
    cspConnectSources: ['https://api.other.example/v1', 'not a url'],
  });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

describe('Content-Security-Policy', () => {
  it("lets the web app load only from itself and connect only to itself and this deployment's APIs", async () => {
    const res = await t.app.inject({ method: 'GET', url: '/app/' });
    const csp = String(res.headers['content-security-policy']);
    const d = directives(csp);
    expect(Object.fromEntries(d)).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'", "'wasm-unsafe-eval'"],
      'worker-src': ["'self'"],
      'connect-src': [
        "'self'",
        'https://api.other.example',
        'https://beta.example:8443',
        'https://erp.acme.example',
        'https://ops.example.com',
      ],
      'img-src': ["'self'", 'data:', 'blob:'],
      'media-src': ["'self'", 'blob:'],
      'style-src': ["'self'"],
      'frame-ancestors': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'self'"],
    });
    // No wildcard, no inline script or style, no eval, no plain-http or third-party host anywhere.
    expect(csp).not.toMatch(/\*|'unsafe-inline'|'unsafe-eval'|http:/);
  });

  it('allows nothing at all on API answers, which are never cached', async () => {
    for (const url of ['/api/v1/health', '/api/openapi.json', '/.well-known/jwks.json']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy'], url).toBe(API_CSP);
      // The public keys are meant to be cached; everything under /api/ is not.
      if (url.startsWith('/api/')) expect(res.headers['cache-control'], url).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('lets the unsubscribe page post its one form back to us and nothing else', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/notifications/unsubscribe?token=abcdefghijkl',
    });
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'none'; form-action 'self'; frame-ancestors 'none'",
    );
  });

  it('takes only http(s) origins from the configuration, once each', () => {
    expect(
      cspConnectSources({
        publicUrl: 'https://ops.example.com/base/',
        directoryFile: undefined,
        cspConnectSources: ['https://ops.example.com', 'javascript:alert(1)', 'ftp://x.example'],
      }),
    ).toEqual(['https://ops.example.com']);
    expect(appCsp([])).toContain("connect-src 'self';");
  });
});

describe('no endpoint accepts images or uploads', () => {
  it('the OpenAPI document declares no image/* or multipart request body', async () => {
    const res = await t.get<{
      paths: Record<string, Record<string, { requestBody?: { content?: object } }>>;
    }>('/api/openapi.json');
    expect(res.status).toBe(200);
    const offending: string[] = [];
    let bodies = 0;
    for (const [route, methods] of Object.entries(res.body.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        for (const type of Object.keys(op.requestBody?.content ?? {})) {
          bodies++;
          if (/^(image\/|multipart\/|application\/octet-stream)/i.test(type))
            offending.push(`${method} ${route}: ${type}`);
        }
      }
    }
    expect(bodies).toBeGreaterThan(20);
    expect(offending).toEqual([]);
  });

  it('the server refuses an image or multipart body', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const person = (await t.workspace()).admin;
    for (const type of ['image/png', 'multipart/form-data; boundary=x', 'application/octet-stream']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/items',
        headers: { 'content-type': type, authorization: `Bearer ${person.token}` },
        payload: png,
      });
      expect(res.statusCode, type).toBe(415);
    }
  });
});
