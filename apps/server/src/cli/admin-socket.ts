// With embedded PGlite only one process may hold the database, so a running server listens on a
// Unix socket in its data folder (owner-only permissions) and runs CLI commands for the CLI.
// Whoever can open that socket can already read the database files; it grants nothing more.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config.ts';
import type { Database } from '../db/engine.ts';
import type { KeyStore } from '../platform/auth/keys.ts';
import { type CliArgs, COMMANDS } from './commands.ts';

export function adminSocketPath(dataDir: string): string {
  const inDir = path.join(dataDir, 'admin.sock');
  // Unix socket paths are limited to ~107 bytes; deep data folders use a name derived from the path.
  if (Buffer.byteLength(inDir) < 100) return inDir;
  return path.join(
    os.tmpdir(),
    `opsledger-${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}.sock`,
  );
}

export interface SocketReply {
  ok: boolean;
  result?: unknown;
  error?: { code?: string; message: string };
}

export async function startAdminSocket(config: Config, database: Database, keys: KeyStore) {
  const socketPath = adminSocketPath(config.dataDir);
  fs.rmSync(socketPath, { force: true });
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', async () => {
      let reply: SocketReply;
      try {
        const { command, args } = JSON.parse(body) as { command: string; args: CliArgs };
        const spec = COMMANDS[command];
        if (!spec) throw new Error(`unknown command ${command}`);
        const result = await spec.run(
          {
            database,
            keys,
            activationTtlSeconds: config.activationTtlSeconds,
            accessTokenTtlSeconds: config.accessTokenTtlSeconds,
          },
          args,
        );
        reply = { ok: true, result };
      } catch (error) {
        const e = error as { code?: string; message: string };
        reply = { ok: false, error: { ...(e.code ? { code: e.code } : {}), message: e.message } };
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  fs.chmodSync(socketPath, 0o600);
  return {
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(socketPath, { force: true });
    },
  };
}

/** Sends a command to a running server; undefined when none is listening. */
export async function sendToAdminSocket(
  dataDir: string,
  command: string,
  args: CliArgs,
): Promise<SocketReply | undefined> {
  const socketPath = adminSocketPath(dataDir);
  if (!fs.existsSync(socketPath)) return undefined;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { socketPath, path: '/run', method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          data += chunk;
        });
        res.on('end', () => resolve(JSON.parse(data) as SocketReply));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A socket file left by a server that died: nobody is listening, so the CLI may open the database.
      if (error.code === 'ECONNREFUSED' || error.code === 'ENOENT') {
        fs.rmSync(socketPath, { force: true });
        resolve(undefined);
      } else reject(error);
    });
    req.end(JSON.stringify({ command, args }));
  });
}
