// Builds the service worker with the build's own file list, so the shell (HTML, scripts, styles,
// the ZXing WASM) is cached on install and the app opens without a connection. The list and a build
// id are compiled in; a new build means a new cache, and the old one is dropped on activation.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Plugin, transformWithEsbuild } from 'vite';

function filesUnder(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? filesUnder(path.join(dir, entry.name), `${prefix}${entry.name}/`)
        : [`${prefix}${entry.name}`],
    );
}

export function serviceWorkerPlugin(source: string): Plugin {
  let publicDir = '';
  return {
    name: 'opsledger-service-worker',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    // After Vite's own HTML plugin, so the pages (index.html, console/index.html) are in the bundle.
    enforce: 'post',
    async generateBundle(_options, bundle) {
      const files = [...Object.keys(bundle), ...filesUnder(publicDir)]
        .filter((f) => !f.endsWith('.map'))
        .sort();
      const buildId = crypto.createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const code = fs.readFileSync(source, 'utf8');
      const result = await transformWithEsbuild(code, source, {
        loader: 'ts',
        format: 'iife',
        target: 'es2022',
        minify: true,
        define: { __PRECACHE__: JSON.stringify(files), __BUILD_ID__: JSON.stringify(buildId) },
      });
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: result.code });
    },
  };
}
