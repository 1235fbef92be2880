import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import selfsigned from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness.ts';

describe('TLS served directly', () => {
  let t: TestApp;
  let dir: string;
  let port: number;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsledger-tls-'));
    // A throwaway self-signed certificate, made in-process so the suite needs no openssl binary.
    const pems = selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
      days: 1,
      keySize: 2048,
    });
    fs.writeFileSync(path.join(dir, 'key.pem'), pems.private);
    fs.writeFileSync(path.join(dir, 'cert.pem'), pems.cert);
    t = await startTestApp({
      tls: { certFile: path.join(dir, 'cert.pem'), keyFile: path.join(dir, 'key.pem') },
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function get(options: https.RequestOptions): Promise<{ status: number; headers: Record<string, unknown> }> {
    return new Promise((resolve, reject) => {
      const req = https.get(
        { host: '127.0.0.1', port, path: '/api/v1/health', rejectUnauthorized: false, ...options },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
        },
      );
      req.on('error', reject);
    });
  }

  it('answers over HTTPS with HSTS', async () => {
    const res = await get({});
    expect(res.status).toBe(200);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('refuses TLS 1.1 and plain HTTP on the same port', async () => {
    await expect(
      get({ minVersion: 'TLSv1.1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' }),
    ).rejects.toThrow();
    const plain = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
      (r) => r.status,
      () => 'refused',
    );
    expect(plain).not.toBe(200);
  });
});

describe('client addresses behind a proxy', () => {
  it('ignores X-Forwarded-For unless TRUST_PROXY is set', async () => {
    const t = await startTestApp();
    try {
      const ws = await t.workspace();
      await t.request(
        'POST',
        '/api/v1/auth/login',
        { workspace: ws.code, email: ws.admin.email, password: ws.admin.password },
        { headers: { 'x-forwarded-for': '198.51.100.7' } },
      );
      const sessions = await t.get<{ data: { ip: string }[] }>('/api/v1/sessions', ws.admin.token);
      expect(sessions.body.data.map((s) => s.ip)).not.toContain('198.51.100.7');
    } finally {
      await t.close();
    }
  });

  it('takes the client address from X-Forwarded-For when TRUST_PROXY is set', async () => {
    const t = await startTestApp({ trustProxy: true });
    try {
      const ws = await t.workspace();
      await t.request(
        'POST',
        '/api/v1/auth/login',
        { workspace: ws.code, email: ws.admin.email, password: ws.admin.password },
        { headers: { 'x-forwarded-for': '198.51.100.7' } },
      );
      const sessions = await t.get<{ data: { ip: string }[] }>('/api/v1/sessions', ws.admin.token);
      expect(sessions.body.data.map((s) => s.ip)).toContain('198.51.100.7');
    } finally {
      await t.close();
    }
  });
});
