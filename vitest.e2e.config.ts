// Browser tests of the web apps (apps/web/e2e): Playwright driving Debian's Chromium against a real
// server per test. Separate from `npm test` because they need Chromium and a built app:
// `npm run test:e2e` (CI installs Chromium and builds first).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['apps/web/e2e/**/*.e2e.ts'],
    globalSetup: ['apps/web/e2e/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Two cores: one browser and one server at a time.
    fileParallelism: false,
  },
});
