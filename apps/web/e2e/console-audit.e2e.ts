// The audit trail: the admin's own actions are listed with filters, and Verify re-checks the hash
// chain on the server and reports it intact.
import { describe, expect, it } from 'vitest';
import { CONSOLE_TEST_TIMEOUT, consoleShot, goTo, setUpConsole } from './console-support.ts';

const consoleTest = setUpConsole();

describe('console: audit', () => {
  it(
    'lists events with filters and shows the chain intact on verify',
    async () => {
      const server = await consoleTest.start();
      await server.api('POST', '/api/v1/locations', { code: 'STORE-A', name: 'Main store', kind: 'store' });
      await server.api('POST', '/api/v1/items', { sku: 'FLOUR', name: 'Wheat flour', uom: 'bag' });

      const opened = await consoleTest.openAsAdmin();
      const { page } = opened;
      await goTo(page, 'Audit trail');
      const events = page.getByRole('table', { name: 'Audit events' });
      await events.getByText('item.create').waitFor();
      await page.getByLabel('Action').fill('location.create');
      await expect.poll(() => events.getByRole('row').count()).toBe(2);
      await events.getByText('code: STORE-A').waitFor();
      await page.getByLabel('Action').fill('');

      await page.getByRole('button', { name: 'Verify chain' }).click();
      const verdict = page.getByTestId('verify-result');
      await verdict.waitFor();
      await expect(verdict.innerText()).resolves.toMatch(/^Chain intact: \d+ events/);
      await consoleShot(page, 'audit');
      expect(opened.errors).toEqual([]);
    },
    CONSOLE_TEST_TIMEOUT,
  );
});
