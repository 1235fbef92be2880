// Builds the web app when apps/web/dist is missing or older than its sources, so `npm start` (via
// prestart) and the browser tests always serve a current app without anyone remembering to build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builtMarker = path.join(webDir, 'dist/index.html');
const SOURCES = [
  'src',
  'public',
  'index.html',
  'console/index.html',
  'vite.config.ts',
  'scripts/service-worker-plugin.ts',
  '../../packages/gs1/src',
];

function newestSourceTime(entry: string): number {
  const full = path.join(webDir, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(full)
    .reduce((newest, child) => Math.max(newest, newestSourceTime(path.join(entry, child))), stat.mtimeMs);
}

export function webBuildIsCurrent(): boolean {
  if (!fs.existsSync(builtMarker)) return false;
  const builtAt = fs.statSync(builtMarker).mtimeMs;
  return SOURCES.every((entry) => newestSourceTime(entry) <= builtAt);
}

export async function ensureWebBuilt(): Promise<void> {
  if (webBuildIsCurrent()) return;
  console.log('building the web app (apps/web) …');
  const vite = path.resolve(webDir, '../../node_modules/vite/bin/vite.js');
  // A production build whatever the caller's NODE_ENV (vitest sets "test", which would give React's
  // development build and no service worker).
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: webDir,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error('the web app failed to build (see above)');
}

// As `npm start`'s prestart: a failed build must not keep the API from starting; /app/ then says
// the app is not built.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await ensureWebBuilt();
  } catch (error) {
    console.warn(
      `warning: ${error instanceof Error ? error.message : String(error)}; starting without the web app`,
    );
  }
}
