// Serving the built web apps from our own origin.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webRoutes } from './routes.ts';

let dist: string;
let app: FastifyInstance;

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'opsledger-dist-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.mkdirSync(path.join(dist, 'console'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>scanner</title>');
  fs.writeFileSync(path.join(dist, 'console/index.html'), '<!doctype html><title>console</title>');
  fs.writeFileSync(path.join(dist, 'sw.js'), 'self;');
  fs.writeFileSync(path.join(dist, 'assets/zxing_reader-abc.wasm'), Buffer.from([0, 97, 115, 109]));
  app = Fastify({ routerOptions: { ignoreTrailingSlash: true } });
  await app.register(webRoutes({ distDir: dist }));
  await app.ready();
});
afterAll(async () => {
  await app.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe('the web app under /app/', () => {
  it('sends / to the scanner', async () => {
    const res = await app.inject('/');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/app/');
  });

  it('answers app routes with the shell (client-side routing), revalidated on every load', async () => {
    for (const url of ['/app/', '/app', '/app/receive', '/app/queue']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('scanner');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    expect((await app.inject('/app/console/reports')).body).toContain('console');
  });

  it('serves the ZXing WebAssembly itself, as application/wasm, cached for good (hashed name)', async () => {
    const res = await app.inject('/app/assets/zxing_reader-abc.wasm');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/wasm');
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it('serves the service worker unhashed and uncached so updates arrive', async () => {
    const res = await app.inject('/app/sw.js');
    expect(res.headers['content-type']).toContain('javascript');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('never serves a file outside dist, however the path is written', async () => {
    fs.writeFileSync(path.join(path.dirname(dist), 'secret.txt'), 'TOP SECRET CONTENT');
    for (const url of [
      '/app/../secret.txt',
      '/app/%2e%2e/secret.txt',
      '/app/..%2fsecret.txt',
      '/app/missing.js',
    ]) {
      const res = await app.inject(url);
      expect(res.body, url).not.toContain('TOP SECRET CONTENT');
      expect([404, 400], url).toContain(res.statusCode);
    }
  });

  it('says the app is not built instead of failing when dist is missing', async () => {
    const bare = Fastify();
    await bare.register(webRoutes({ distDir: path.join(dist, 'nothing-here') }));
    const res = await bare.inject('/app/receive');
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build');
    await bare.close();
  });
});
