// The scanner's flows at phone size, driven the way operators drive them: a hardware scanner
// (keyboard wedge) or typed codes, location first or item first. Each flow is photographed.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phoneContext, screenshot } from './support/browser.ts';
import {
  EAN13,
  movements,
  operator,
  setUpWarehouse,
  signInThroughApp,
  stockQty,
  wedgeScan,
} from './support/scenario.ts';
import type { E2eServer } from './support/server.ts';

// One server and browser for the whole file: each test signs in in a context of its own.
const startWarehouse = setUpWarehouse(afterAll);
let server: E2eServer;
let browser: Browser;
beforeAll(async () => {
  ({ server, browser } = await startWarehouse('STORE-A'));
});

async function operatorPage(roles: string[] = ['operator']): Promise<Page> {
  const context = await phoneContext(browser, server.origin);
  const page = await context.newPage();
  await signInThroughApp(page, server, await operator(server, roles));
  return page;
}

describe('scanner flows', () => {
  it('moves stock to the floor with a hardware scanner, location first, sending the raw scanned text', async () => {
    const page = await operatorPage();
    await screenshot(page, 'home');
    await page.setViewportSize({ width: 800, height: 1280 });
    await screenshot(page, 'home-tablet');
    await page.setViewportSize({ width: 360, height: 640 });
    await page.getByRole('link', { name: 'Move to floor' }).click();
    await wedgeScan(page, 'STORE-A');
    await page.getByTestId('scan-state').getByText('✓ From: STORE-A').waitFor();
    await wedgeScan(page, EAN13);
    await page.getByTestId('item-card').getByText('Wheat flour 25 kg').waitFor();
    // Name, unit and current stock are on screen before anything is booked.
    await page.getByTestId('stock-total').getByText('10 bag (10 at STORE-A)').waitFor();
    await wedgeScan(page, 'FLOOR-1');
    await page.getByRole('button', { name: /To: FLOOR-1/ }).waitFor();
    await page.getByLabel(/Quantity to move/).fill('3');
    await screenshot(page, 'move-before-confirm');
    await page.getByRole('button', { name: 'Book move' }).click();
    await page.getByTestId('flow-result').getByText('Stock at FLOOR-1 now: 3').waitFor();
    await screenshot(page, 'move-booked');

    const [moved] = await movements(server, 'FLOUR', 'move');
    expect(moved).toMatchObject({ qty: '3', from: 'STORE-A', to: 'FLOOR-1', scan: EAN13 });
    expect(await stockQty(server, 'FLOUR', 'STORE-A')).toBe('7');
    await page.context().close();
  });

  it('counts an item at a location, item first, booking the difference', async () => {
    const page = await operatorPage();
    await page.getByRole('link', { name: 'Count' }).click();
    await page.getByLabel('Type a code').fill(EAN13);
    await page.getByRole('button', { name: 'Go' }).click();
    await page.getByTestId('item-card').getByText('Wheat flour 25 kg').waitFor();
    await page.getByLabel('Pick Counted at').selectOption('STORE-A');
    await page.getByLabel(/Counted quantity/).fill('6');
    await screenshot(page, 'count-before-confirm');
    await page.getByRole('button', { name: 'Book count' }).click();
    await page.getByTestId('flow-result').getByText('Stock at STORE-A now: 6').waitFor();
    await screenshot(page, 'count-booked');
    const [counted] = await movements(server, 'FLOUR', 'adjust');
    expect(counted).toMatchObject({ qty: '1', from: 'STORE-A', to: 'ADJUSTMENT', scan: EAN13 });
    await page.context().close();
  });

  it('looks up anything scanned: stock by location and lot', async () => {
    const page = await operatorPage();
    await page.getByRole('link', { name: 'Look up' }).click();
    await wedgeScan(page, EAN13);
    const card = page.getByTestId('item-card');
    await card.getByRole('cell', { name: 'FLOOR-1' }).waitFor();
    await card.getByRole('cell', { name: 'STORE-A' }).waitFor();
    await screenshot(page, 'lookup-item');
    await wedgeScan(page, 'NOT-A-CODE-42');
    await page.getByTestId('scan-state').getByText('Unknown code: NOT-A-CODE-42').waitFor();
    expect(await page.getByTestId('scan-state').getAttribute('class')).toContain('bad');
    await screenshot(page, 'lookup-unknown-code');
    await page.context().close();
  });

  it('records a production step from the job traveler’s step QR', async () => {
    await server.api('POST', '/api/v1/items', { sku: 'BREAD', name: 'Sourdough loaf', uom: 'pcs' });
    await server.api('POST', '/api/v1/work-centers', { code: 'OVEN', name: 'Oven line' });
    await server.api('POST', '/api/v1/boms', {
      sku: 'BREAD',
      outputQty: 10,
      components: [{ sku: 'FLOUR', qty: 1 }],
    });
    await server.api('POST', '/api/v1/routings', {
      sku: 'BREAD',
      steps: [{ seq: 10, name: 'Bake', workCenter: 'OVEN' }],
    });
    const wo = await server.api<{ id: string; number: string }>('POST', '/api/v1/work-orders', {
      sku: 'BREAD',
      qty: 10,
      componentsFrom: 'FLOOR-1',
      outputTo: 'STORE-A',
    });
    await server.api('POST', `/api/v1/work-orders/${wo.id}/release`, {});

    const page = await operatorPage();
    await page.getByRole('link', { name: 'Production step' }).click();
    await wedgeScan(page, `${wo.number}/10`);
    await page.getByTestId('item-card').getByText('Sourdough loaf · BREAD').waitFor();
    await page.getByRole('button', { name: 'Start' }).click();
    await screenshot(page, 'production-before-confirm');
    await page.getByRole('button', { name: 'Record start' }).click();
    await page.getByTestId('flow-result').getByText('Recorded ✓').waitFor();
    await screenshot(page, 'production-recorded');
    const order = await server.api<{ steps: { seq: number; status: string }[] }>(
      'GET',
      `/api/v1/work-orders/${wo.id}`,
    );
    expect(order.steps[0]).toMatchObject({ seq: 10, status: 'running' });
    await page.context().close();
  });

  it('shows an operator only the flows their role permits', async () => {
    await server.api('POST', '/api/v1/roles', {
      key: 'picker',
      name: 'Picker',
      permissions: ['items.read', 'stock.read', 'stock.move'],
    });
    const page = await operatorPage(['picker']);
    const tasks = page.getByRole('navigation', { name: 'Tasks' }).getByRole('link');
    await expect(tasks.allTextContents()).resolves.toEqual(['Move to floor', 'Look up']);
    await screenshot(page, 'home-picker-role');
    // Typing the address of a flow the role lacks leads back home, not to the flow.
    await page.goto(`${server.origin}/app/waste`);
    await page.getByRole('navigation', { name: 'Tasks' }).waitFor();
    expect(await page.getByRole('button', { name: 'Book waste' }).count()).toBe(0);
    await page.context().close();

    const viewer = await operatorPage(['viewer']);
    const viewerTasks = viewer.getByRole('navigation', { name: 'Tasks' }).getByRole('link');
    await expect(viewerTasks.allTextContents()).resolves.toEqual(['Look up']);
    await viewer.context().close();
  });

  it('takes a scanner burst while the quantity field has focus as a scan, leaving the quantity as typed', async () => {
    const page = await operatorPage();
    const earlier = (await movements(server, 'FLOUR', 'move')).length;
    await page.getByRole('link', { name: 'Move to floor' }).click();
    await wedgeScan(page, 'STORE-A');
    await page.getByTestId('scan-state').getByText('✓ From: STORE-A').waitFor();
    await wedgeScan(page, EAN13);
    await page.getByTestId('item-card').getByText('Wheat flour 25 kg').waitFor();
    const quantity = page.getByLabel(/Quantity to move/);
    await quantity.fill('');
    // A person types the quantity (keys 120 ms apart), then, with the field still focused, the
    // scanner types the destination as a burst and presses Enter.
    await quantity.pressSequentially('4', { delay: 120 });
    await page.keyboard.type('FLOOR-1', { delay: 5 });
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /To: FLOOR-1/ }).waitFor();
    expect(await quantity.inputValue()).toBe('4');
    // Nothing was booked by the burst's Enter; a person typing slowly still types into the field.
    expect(await movements(server, 'FLOUR', 'move')).toHaveLength(earlier);
    await quantity.pressSequentially('2', { delay: 120 });
    expect(await quantity.inputValue()).toBe('42');
    await quantity.fill('5');
    await page.getByRole('button', { name: 'Book move' }).click();
    await page.getByTestId('flow-result').getByText('Stock at FLOOR-1 now:').waitFor();
    const booked = await movements(server, 'FLOUR', 'move');
    expect(booked).toHaveLength(earlier + 1);
    expect(booked[0]).toMatchObject({ qty: '5', from: 'STORE-A', to: 'FLOOR-1' });
    await page.context().close();
  });
});
