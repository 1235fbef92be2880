// The movement ledger: a receipt posted through the API is found with the filters, opened, and
// reversed after a confirmation; the reversal is in the ledger pointing at the original, stock is
// back to zero, and a reversed movement offers no second reversal.
import { describe, expect, it } from 'vitest';
import { CONSOLE_TEST_TIMEOUT, consoleShot, goTo, setUpConsole } from './console-support.ts';

const consoleTest = setUpConsole();

interface Movement {
  id: string;
  type: string;
  qty: string;
  reversalOf: string | null;
}

describe('console: movement ledger', () => {
  it(
    'reverses a movement from the ledger after confirmation',
    async () => {
      const server = await consoleTest.start();
      await server.api('POST', '/api/v1/locations', { code: 'STORE-A', name: 'Main store', kind: 'store' });
      await server.api('POST', '/api/v1/items', { sku: 'FLOUR', name: 'Wheat flour', uom: 'bag' });
      await server.api('POST', '/api/v1/items', { sku: 'SUGAR', name: 'Sugar', uom: 'bag' });
      const receipt = await server.api<Movement>('POST', '/api/v1/movements', {
        type: 'receive',
        sku: 'FLOUR',
        qty: 12,
        to: 'STORE-A',
        unitCost: '20',
        reference: 'PO-4711',
      });
      await server.api('POST', '/api/v1/movements', {
        type: 'receive',
        sku: 'SUGAR',
        qty: 3,
        to: 'STORE-A',
        unitCost: '9',
      });

      const opened = await consoleTest.openAsAdmin();
      const { page } = opened;
      await goTo(page, 'Movement ledger');
      const table = page.getByRole('table', { name: 'Movements' });
      await expect.poll(() => table.getByRole('row').count()).toBe(3);
      await page.getByLabel('SKU', { exact: true }).fill('FLOUR');
      await expect.poll(() => table.getByRole('row').count()).toBe(2);
      await consoleShot(page, 'ledger');

      await table.getByRole('button', { name: /Details of receive FLOUR 12/ }).click();
      const detail = page.getByRole('region', { name: 'Movement detail' });
      await detail.getByText('PO-4711').waitFor();
      await consoleShot(page, 'ledger-detail');
      await detail.getByRole('button', { name: 'Reverse…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Reverse this movement?' });
      await dialog.getByLabel('Reason (optional)').fill('booked twice');
      await consoleShot(page, 'ledger-reverse-confirm');
      await dialog.getByRole('button', { name: 'Reverse movement' }).click();

      // The detail now shows the reversal, which points at the original.
      await detail.getByText('Reverses').waitFor();
      const { data } = await server.api<{ data: Movement[] }>('GET', '/api/v1/movements?sku=FLOUR');
      expect(data.map((m) => [m.type, m.qty, m.reversalOf])).toEqual([
        ['receive', '12', receipt.id],
        ['receive', '12', null],
      ]);
      const stock = await server.api<{ data: unknown[] }>('GET', '/api/v1/stock?sku=FLOUR');
      expect(stock.data).toEqual([]);
      await expect.poll(() => table.getByRole('row').count()).toBe(3);
      await expect.poll(() => table.getByText('reversed').count()).toBe(1);

      // The original, opened again, offers no second reversal.
      await detail.getByRole('button', { name: receipt.id }).click();
      await detail.getByText('Reversed by').waitFor();
      await expect(detail.getByRole('button', { name: 'Reverse…' }).count()).resolves.toBe(0);
      expect(opened.errors).toEqual([]);
    },
    CONSOLE_TEST_TIMEOUT,
  );
});
