// The scanner PWA's build. Served by the server under /app/ (apps/server/src/modules/web), so every
// URL is same-origin: the app, its service worker and the ZXing WebAssembly.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { serviceWorkerPlugin } from './scripts/service-worker-plugin.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/app/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // A strict CSP forbids inline scripts, and the WASM must stay a file (a data: URL is not 'self').
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // Two pages: the scanner (/app/) and the back-office console (/app/console/, src/console).
      input: { scanner: path.join(here, 'index.html'), console: path.join(here, 'console/index.html') },
      onwarn(warning, warn) {
        // React libraries mark modules "use client" for server components; meaningless in an SPA.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  plugins: [serviceWorkerPlugin(path.join(here, 'src/service-worker/service-worker.ts'))],
  server: { proxy: { '/api': 'http://localhost:3000', '/.well-known': 'http://localhost:3000' } },
});
