// Serves the built web apps (apps/web/dist) from our own origin under /app/: the scanner PWA, its
// service worker and the ZXing WebAssembly the camera decodes with — nothing from a CDN. Paths
// without a file extension are app routes and get the app's index.html (client-side routing);
// a folder of dist with its own index.html (e.g. /app/console/) is a separate app. The pages'
// Content-Security-Policy (own origin only, WASM allowed) comes from platform/http/security-headers.ts.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';

export const WEB_BASE = '/app/';
export const DEFAULT_WEB_DIST = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../web/dist',
);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
};

async function readFileIn(root: string, relative: string): Promise<Buffer | undefined> {
  const full = path.resolve(root, `.${path.posix.sep}${relative}`);
  // Never outside dist, whatever dots or encoded slashes the path held.
  if (full !== root && !full.startsWith(root + path.sep)) return undefined;
  try {
    const stat = await fs.stat(full);
    return stat.isFile() ? await fs.readFile(full) : undefined;
  } catch {
    return undefined;
  }
}

/** The index.html of the app a route belongs to: /app/console/… → console/index.html if built. */
async function appShell(root: string, relative: string): Promise<Buffer | undefined> {
  const first = relative.split('/')[0];
  if (first) {
    const nested = await readFileIn(root, `${first}/index.html`);
    if (nested) return nested;
  }
  return readFileIn(root, 'index.html');
}

function send(reply: FastifyReply, body: Buffer, file: string): FastifyReply {
  const ext = path.extname(file);
  reply.type(TYPES[ext] ?? 'application/octet-stream');
  // Vite puts a content hash in every name under assets/, so those never change; everything else
  // (the shell, the service worker, the manifest) must be revalidated or updates never arrive.
  reply.header(
    'Cache-Control',
    file.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
  return reply.send(body);
}

export function webRoutes(options: { distDir?: string } = {}): FastifyPluginAsyncTypebox {
  const root = path.resolve(options.distDir ?? DEFAULT_WEB_DIST);
  return async (app) => {
    app.get('/', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
      reply.redirect(WEB_BASE),
    );
    const serve = async (relative: string, reply: FastifyReply) => {
      const file = relative === '' ? 'index.html' : relative;
      const body = await readFileIn(root, file);
      if (body) return send(reply, body, file);
      if (path.extname(file) === '') {
        const shell = await appShell(root, relative);
        if (shell) return send(reply, shell, 'index.html');
        return reply
          .code(503)
          .type('text/plain; charset=utf-8')
          .send('The web app is not built yet: run `npm run build -w @opsledger/web` (npm start does it).');
      }
      return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    };
    // The router ignores trailing slashes, so /app/ arrives here as /app.
    app.get('/app', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
      serve('', reply),
    );
    app.get(
      '/app/*',
      {
        config: { public: true },
        schema: { hide: true, params: Type.Object({ '*': Type.String({ maxLength: 1000 }) }) },
      },
      async (request, reply) => serve(request.params['*'], reply),
    );
  };
}
