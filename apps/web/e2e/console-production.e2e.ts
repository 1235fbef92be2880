// Production in the console: a work center made through the form, more of them than a page paged
// through (and all offered in the routing form), BOM and routing listed with their versions, a work order created, released, followed step by step as the floor records
// progress, its traveler printed, and finally cancelled with a reason after a confirmation (the
// order then shows when and why). Then the workspace settings: time zone and negative stock saved,
// a waste reason added.
import { describe, expect, it } from 'vitest';
import { CONSOLE_TEST_TIMEOUT, consoleShot, goTo, setUpConsole } from './console-support.ts';

const consoleTest = setUpConsole();

describe('console: production and settings', () => {
  it(
    'creates, releases, follows, prints and cancels a work order',
    async () => {
      const server = await consoleTest.start();
      await server.api('POST', '/api/v1/locations', { code: 'STORE-A', name: 'Main store', kind: 'store' });
      await server.api('POST', '/api/v1/locations', { code: 'FLOOR-1', name: 'Line 1', kind: 'floor' });
      await server.api('POST', '/api/v1/items', { sku: 'BOARD', name: 'Pine board', uom: 'pcs' });
      await server.api('POST', '/api/v1/items', { sku: 'SHELF', name: 'Pine shelf', uom: 'pcs' });
      await server.api('POST', '/api/v1/movements', {
        type: 'receive',
        sku: 'BOARD',
        qty: 50,
        to: 'STORE-A',
        unitCost: '3',
      });
      await server.api('POST', '/api/v1/work-centers', { code: 'SAW', name: 'Saw' });

      const opened = await consoleTest.openAsAdmin();
      const { page } = opened;

      await goTo(page, 'Work centers');
      await page.getByRole('button', { name: 'New work center' }).click();
      const centerForm = page.getByRole('form', { name: 'New work center' });
      await centerForm.getByLabel('Code').fill('ASSEMBLY');
      await centerForm.getByLabel('Name').fill('Assembly bench');
      await centerForm.getByLabel(/Floor location/).fill('FLOOR-1');
      await centerForm.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('cell', { name: 'Assembly bench' }).waitFor();
      await consoleShot(page, 'work-centers');

      // More work centers than a page (50): the list pages on, and the routing form offers them all.
      for (let n = 1; n <= 55; n++) {
        await server.api('POST', '/api/v1/work-centers', {
          code: `ZZ-${String(n).padStart(3, '0')}`,
          name: `Station ${n}`,
        });
      }
      await page.reload();
      await page.getByRole('cell', { name: 'Station 48', exact: true }).waitFor();
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Next →' }).click();
      await page.getByRole('cell', { name: 'Station 55', exact: true }).waitFor();
      expect(await page.getByRole('cell', { name: 'Station 48', exact: true }).count()).toBe(0);

      await server.api('POST', '/api/v1/boms', {
        sku: 'SHELF',
        outputQty: 1,
        components: [{ sku: 'BOARD', qty: 2 }],
      });
      await server.api('POST', '/api/v1/routings', {
        sku: 'SHELF',
        steps: [
          { seq: 10, name: 'Cut', workCenter: 'SAW', stdMinutesPerUnit: 2 },
          { seq: 20, name: 'Assemble', workCenter: 'ASSEMBLY', stdMinutesPerUnit: 5 },
        ],
      });
      await goTo(page, 'BOMs', 'Bills of materials');
      await page.getByRole('cell', { name: '2 pcs BOARD' }).waitFor();
      await consoleShot(page, 'boms');
      await goTo(page, 'Routings');
      await page.getByText('20 Assemble @ ASSEMBLY').waitFor();
      await consoleShot(page, 'routings');
      await page.getByRole('button', { name: 'New routing' }).click();
      const routingForm = page.getByRole('form', { name: 'New routing' });
      await routingForm.getByLabel('Work center').selectOption('ZZ-055');
      await routingForm.getByRole('button', { name: 'Cancel' }).click();

      await goTo(page, 'Work orders');
      await page.getByRole('button', { name: 'New work order' }).click();
      const orderForm = page.getByRole('form', { name: 'New work order' });
      await orderForm.getByRole('button', { name: 'Create draft' }).click();
      await orderForm.getByText('A quantity above 0.').waitFor();
      await orderForm.getByLabel('Item SKU').fill('SHELF');
      await orderForm.getByLabel('Quantity').fill('10');
      await orderForm.getByLabel('Components from').selectOption('STORE-A');
      await orderForm.getByLabel('Output to').selectOption('STORE-A');
      await orderForm.getByRole('button', { name: 'Create draft' }).click();
      await page.getByRole('heading', { level: 1, name: /WO-000001/ }).waitFor();
      await page.getByRole('button', { name: 'Release' }).click();
      await page.getByText('released', { exact: true }).first().waitFor();

      // The floor records progress; the page follows it.
      const { data: orders } = await server.api<{ data: { id: string }[] }>('GET', '/api/v1/work-orders');
      const orderId = orders[0]!.id;
      await server.api('POST', `/api/v1/work-orders/${orderId}/events`, { step: 10, action: 'start' });
      await server.api('POST', `/api/v1/work-orders/${orderId}/events`, {
        step: 10,
        action: 'complete',
        goodQty: 6,
        scrapQty: 1,
        scrapReason: 'damaged',
      });
      await page.reload();
      const progress = page.getByRole('region', { name: 'Progress per step' });
      await progress
        .getByRole('row', { name: /10 Cut/ })
        .getByRole('cell', { name: '6', exact: true })
        .waitFor();
      await progress.getByRole('progressbar', { name: 'Cut: 7 of 10' }).waitFor();
      await consoleShot(page, 'work-order');

      const popup = page.waitForEvent('popup');
      await page.getByRole('button', { name: 'Print traveler' }).click();
      const traveler = await popup;
      expect(traveler.url()).toMatch(/^blob:/);
      await traveler.close();

      await page.getByRole('button', { name: 'Cancel order…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Cancel WO-000001?' });
      await dialog.getByLabel('Reason (optional)').fill('  Customer withdrew the order ');
      await dialog.getByRole('button', { name: 'Cancel work order' }).click();
      await page.getByText('cancelled', { exact: true }).first().waitFor();
      // The order itself says when and why (trimmed), after a reload too.
      await page.reload();
      await page
        .getByRole('term')
        .filter({ hasText: /^Cancel reason$/ })
        .waitFor();
      await page
        .getByRole('definition')
        .filter({ hasText: /^Customer withdrew the order$/ })
        .waitFor();
      const cancelled = await server.api<{
        status: string;
        cancelledAt: string | null;
        cancelReason: string | null;
      }>('GET', `/api/v1/work-orders/${orderId}`);
      expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Customer withdrew the order' });
      expect(cancelled.cancelledAt).not.toBeNull();
      await page
        .getByRole('term')
        .filter({ hasText: /^Cancelled$/ })
        .waitFor();
      await goTo(page, 'Work orders');
      await consoleShot(page, 'work-orders');

      // Settings.
      await goTo(page, 'Settings');
      await page.getByLabel('Time zone').selectOption('Europe/Berlin');
      await page.getByLabel(/Allow stock in internal locations/).check();
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Saved.').waitFor();
      const reasons = page.getByRole('form', { name: 'Add waste reason' });
      await reasons.getByLabel('Code').fill('Bad Code');
      await reasons.getByRole('button', { name: 'Add reason' }).click();
      await reasons.getByText(/Lower-case letters/).waitFor();
      await reasons.getByLabel('Code').fill('water-damage');
      await reasons.getByLabel('Name').fill('Water damage');
      await reasons.getByRole('button', { name: 'Add reason' }).click();
      await page.getByRole('cell', { name: 'Water damage' }).waitFor();
      await consoleShot(page, 'settings');
      const workspace = await server.api<{ settings: { timeZone: string; allowNegativeStock: boolean } }>(
        'GET',
        '/api/v1/workspace',
      );
      expect(workspace.settings).toMatchObject({ timeZone: 'Europe/Berlin', allowNegativeStock: true });
      expect(opened.errors).toEqual([]);
    },
    CONSOLE_TEST_TIMEOUT,
  );
});
