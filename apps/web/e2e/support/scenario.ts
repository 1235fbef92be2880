// Setting the scene for a browser test through the public API (as the workspace admin), and
// signing an operator in through the app's own screens.
import type { Browser, Page } from 'playwright-core';
import type { SignedIn } from '../../../server/src/testing/harness.ts';
import { launchChromium } from './browser.ts';
import { type E2eServer, startE2eServer } from './server.ts';

export const EAN13 = '4006381333931';
export const GTIN = '09506000134352';

export interface Movement {
  id: string;
  type: string;
  sku: string;
  qty: string;
  from: string;
  to: string;
  lot: string | null;
  reason: string | null;
  reference: string | null;
  scan: string | null;
}

export async function seedWarehouse(server: E2eServer) {
  await server.api('POST', '/api/v1/locations', { code: 'STORE-A', name: 'Main store', kind: 'store' });
  await server.api('POST', '/api/v1/locations', { code: 'FLOOR-1', name: 'Line 1 floor', kind: 'floor' });
  await server.api('POST', '/api/v1/items', {
    sku: 'FLOUR',
    name: 'Wheat flour 25 kg',
    uom: 'bag',
    barcodes: [EAN13],
  });
  await server.api('POST', '/api/v1/items', {
    sku: 'YEAST',
    name: 'Dry yeast',
    uom: 'kg',
    tracking: 'lot',
    barcodes: [GTIN],
  });
}

export interface Warehouse {
  server: E2eServer;
  browser: Browser;
}

/**
 * Returns how to start a server with the warehouse seeded and 10 bags of FLOUR received at
 * `flourAt`, and a browser; `after` (afterAll or afterEach) closes them. Each is held as soon as it
 * exists, so a start that fails half-way still closes what it had opened.
 */
export function setUpWarehouse(
  after: (cleanup: () => Promise<void>) => void,
): (flourAt: string) => Promise<Warehouse> {
  let server: E2eServer | undefined;
  let browser: Browser | undefined;
  after(async () => {
    const [opened, started] = [browser, server];
    browser = undefined;
    server = undefined;
    try {
      await opened?.close();
    } finally {
      await started?.close();
    }
  });
  return async (flourAt) => {
    if (server) throw new Error('the warehouse is already started');
    server = await startE2eServer();
    await seedWarehouse(server);
    await server.api('POST', '/api/v1/movements', {
      type: 'receive',
      sku: 'FLOUR',
      qty: 10,
      to: flourAt,
      unitCost: '20',
    });
    browser = await launchChromium();
    return { server, browser };
  };
}

export async function operator(
  server: E2eServer,
  roles: string[] = ['operator'],
  name = 'Olga Operator',
): Promise<SignedIn> {
  return server.harness.user(server.ws, roles, name);
}

export async function movements(server: E2eServer, sku: string, type?: string): Promise<Movement[]> {
  const query = new URLSearchParams({ sku, ...(type ? { type } : {}) });
  const { data } = await server.api<{ data: Movement[] }>('GET', `/api/v1/movements?${query}`);
  return data;
}

export async function stockQty(server: E2eServer, sku: string, location: string): Promise<string> {
  const { data } = await server.api<{ data: { qty: string }[] }>(
    'GET',
    `/api/v1/stock?sku=${encodeURIComponent(sku)}&location=${encodeURIComponent(location)}`,
  );
  return data.reduce((sum, row) => sum + Number(row.qty), 0).toString();
}

export async function signInThroughApp(page: Page, server: E2eServer, person: SignedIn): Promise<void> {
  await page.goto(`${server.origin}/app/`);
  await page.getByLabel('Workspace code').fill(server.ws.code);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Tasks' }).waitFor();
}

/**
 * A hardware scanner: a fast burst of keystrokes ending in Enter, with no field focused. It waits for
 * the flow's scan panel first: keys typed before the panel (which listens for them) is on screen are
 * lost, as they would be on a phone, and a loaded machine can take a moment to show a flow's screen.
 */
export async function wedgeScan(page: Page, code: string): Promise<void> {
  await page.getByTestId('scan-state').waitFor();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
}
