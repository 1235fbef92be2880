// Inventory in the console: an item created through the form (the server's "SKU taken" lands on
// the SKU field), a CSV import refused as a whole with its one bad row reported inline, then the
// corrected file imported; stock, locations and valuation pages show what the ledger holds.
import { describe, expect, it } from 'vitest';
import { CONSOLE_TEST_TIMEOUT, consoleShot, goTo, setUpConsole } from './console-support.ts';

const consoleTest = setUpConsole();

describe('console: inventory', () => {
  it(
    'creates an item, and imports items by CSV with one bad row reported',
    async () => {
      const server = await consoleTest.start();
      await server.api('POST', '/api/v1/locations', { code: 'STORE-A', name: 'Main store', kind: 'store' });
      await server.api('POST', '/api/v1/locations', {
        code: 'SHELF-1',
        name: 'Shelf 1',
        kind: 'store',
        parent: 'STORE-A',
      });
      const opened = await consoleTest.openAsAdmin();
      const { page } = opened;
      await goTo(page, 'Items');
      await page.getByText('No items yet').waitFor();

      await page.getByRole('button', { name: 'New item' }).click();
      const form = page.getByRole('form', { name: 'New item' });
      await form.getByRole('button', { name: 'Create item' }).click();
      await form.getByText('Enter a SKU.').waitFor();
      await form.getByLabel('SKU').fill('BOLT-M8');
      await form.getByLabel('Name').fill('Bolt M8 × 30');
      await form.getByRole('button', { name: 'Add barcode' }).click();
      await form.getByLabel('Code').fill('4006381333931');
      await form.getByLabel('Pack quantity').fill('50');
      await consoleShot(page, 'item-form');
      await form.getByRole('button', { name: 'Create item' }).click();
      await page.getByRole('region', { name: 'Item created' }).waitFor();
      const item = await server.api<{
        data: { sku: string; barcodes: { code: string; packQty: string }[] }[];
      }>('GET', '/api/v1/items?q=BOLT-M8');
      expect(item.data[0]?.barcodes).toEqual([{ code: '4006381333931', packQty: '50' }]);
      await page.getByRole('button', { name: 'Done' }).click();

      // The same SKU again: the server's 409 is shown on the SKU field.
      await page.getByRole('button', { name: 'New item' }).click();
      await form.getByLabel('SKU').fill('BOLT-M8');
      await form.getByLabel('Name').fill('Duplicate');
      await form.getByRole('button', { name: 'Create item' }).click();
      await form.getByText(/SKU BOLT-M8 already exists/).waitFor();
      await expect(form.getByLabel('SKU').getAttribute('aria-invalid')).resolves.toBe('true');
      await form.getByRole('button', { name: 'Cancel' }).click();

      // CSV import: line 3 has no name, so nothing is imported and the row is reported.
      await page.getByRole('button', { name: 'Import CSV' }).click();
      const importForm = page.getByRole('form', { name: 'Import items from CSV' });
      const bad =
        'sku,name,uom,barcodes\nNUT-M8,Nut M8,pcs,\nWASHER-M8,,pcs,\nSCREW-4,Wood screw,pcs,5901234123457*100\n';
      await importForm.getByLabel('CSV text').fill(bad);
      await importForm.getByRole('button', { name: 'Import' }).click();
      const errors = importForm.getByRole('table', { name: 'Import errors' });
      await errors.waitFor();
      await expect(errors.getByRole('row').count()).resolves.toBe(2);
      await expect(errors.getByRole('row').nth(1).innerText()).resolves.toMatch(/^3\s+name\s+is required/);
      await importForm.getByText('1 problem found; nothing was imported.').waitFor();
      await consoleShot(page, 'items-import-errors');
      const before = await server.api<{ data: unknown[] }>('GET', '/api/v1/items');
      expect(before.data).toHaveLength(1);

      await importForm.getByLabel('CSV text').fill(bad.replace('WASHER-M8,,pcs', 'WASHER-M8,Washer M8,pcs'));
      await importForm.getByRole('button', { name: 'Import' }).click();
      await importForm.getByText('Imported 3 items.').waitFor();
      await importForm.getByRole('button', { name: 'Close' }).click();
      await page.getByRole('link', { name: 'WASHER-M8' }).waitFor();
      await consoleShot(page, 'items');

      // Search, then the item's page with its barcode and pack quantity.
      await page.getByLabel('Search SKU, name or barcode').fill('5901234123457');
      await expect.poll(() => page.getByRole('link', { name: 'WASHER-M8' }).count()).toBe(0);
      await page.getByRole('link', { name: 'SCREW-4' }).click();
      await page.getByRole('heading', { level: 1, name: /SCREW-4/ }).waitFor();
      await page.getByRole('cell', { name: '100 pcs' }).waitFor();
      await consoleShot(page, 'item-detail');
      const label = page.waitForEvent('popup');
      await page.getByRole('button', { name: 'Print label' }).click();
      const sheet = await label;
      expect(sheet.url()).toMatch(/^blob:/);
      await sheet.close();

      // Stock, locations (as a tree) and valuation after a receipt.
      await server.api('POST', '/api/v1/movements', {
        type: 'receive',
        sku: 'SCREW-4',
        qty: 40,
        to: 'SHELF-1',
        unitCost: '0.25',
      });
      await goTo(page, 'Stock on hand');
      await page.getByRole('cell', { name: 'SHELF-1' }).waitFor();
      await consoleShot(page, 'stock');
      await goTo(page, 'Locations');
      await page.getByRole('list', { name: 'Locations' }).getByText('SHELF-1').waitFor();
      await consoleShot(page, 'locations');
      await goTo(page, 'Valuation');
      await expect(page.getByTestId('total-value').innerText()).resolves.toBe('10');
      await consoleShot(page, 'valuation');
      expect(opened.errors).toEqual([]);
    },
    CONSOLE_TEST_TIMEOUT,
  );
});
