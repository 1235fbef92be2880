// The live dashboard: the statistics summary as charts, updated without a reload when a movement
// is posted through the API (the page follows GET /api/v1/stats/stream with fetch streaming).
import { describe, expect, it } from 'vitest';
import { CONSOLE_TEST_TIMEOUT, consoleShot, goTo, setUpConsole } from './console-support.ts';

const consoleTest = setUpConsole();

describe('console: live dashboard', () => {
  it(
    'updates live when a movement is posted through the API',
    async () => {
      const server = await consoleTest.start();
      await server.api('POST', '/api/v1/locations', { code: 'STORE-A', name: 'Main store', kind: 'store' });
      await server.api('POST', '/api/v1/items', { sku: 'FLOUR', name: 'Wheat flour', uom: 'bag' });
      await server.api('POST', '/api/v1/movements', {
        type: 'receive',
        sku: 'FLOUR',
        qty: 10,
        to: 'STORE-A',
        unitCost: '20',
      });
      await server.api('POST', '/api/v1/movements', {
        type: 'waste',
        sku: 'FLOUR',
        qty: 1,
        from: 'STORE-A',
        reason: 'damaged',
      });

      const opened = await consoleTest.openAsAdmin();
      const { page } = opened;
      await goTo(page, 'Dashboard');
      await page.getByTestId('live-state').getByText('Live').waitFor();
      const receipts = page.getByTestId('movements-receive-count');
      await expect(receipts.innerText()).resolves.toBe('1');
      await page.getByRole('img', { name: 'Waste by reason' }).getByText('damaged').waitFor();
      await consoleShot(page, 'dashboard');

      // Posted elsewhere (the API, as a scanner would): the page follows without a reload.
      let reloaded = false;
      page.on('framenavigated', () => {
        reloaded = true;
      });
      await server.api('POST', '/api/v1/movements', {
        type: 'receive',
        sku: 'FLOUR',
        qty: 5,
        to: 'STORE-A',
        unitCost: '20',
      });
      await expect.poll(() => receipts.innerText(), { timeout: 10_000 }).toBe('2');
      await server.api('POST', '/api/v1/movements', {
        type: 'waste',
        sku: 'FLOUR',
        qty: 2,
        from: 'STORE-A',
        reason: 'spillage',
      });
      await page
        .getByRole('img', { name: 'Waste by reason' })
        .getByText('spillage')
        .waitFor({ timeout: 10_000 });
      expect(reloaded).toBe(false);

      // Another period is one choice away.
      await page.getByLabel('Period', { exact: true }).selectOption('7d');
      await page.getByText('by day').waitFor();
      await expect(receipts.innerText()).resolves.toBe('2');
      expect(opened.errors).toEqual([]);
    },
    CONSOLE_TEST_TIMEOUT,
  );
});
