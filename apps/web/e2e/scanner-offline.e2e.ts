// Working without a connection: scans wait on the device with their idempotency keys, sync once
// when the network returns (also when a retry repeats a request the server already booked),
// refusals are shown for the operator to fix, and signing out leaves nothing behind.
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SignedIn } from '../../server/src/testing/harness.ts';
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

const startWarehouse = setUpWarehouse(afterEach);
let server: E2eServer;
let context: BrowserContext;
let page: Page;
let olga: SignedIn;

beforeEach(async () => {
  const warehouse = await startWarehouse('FLOOR-1');
  server = warehouse.server;
  context = await phoneContext(warehouse.browser, server.origin);
  page = await context.newPage();
  // The catalog the app keeps for offline use is read right after sign-in.
  const catalogSaved = page.waitForResponse((r) => r.url().includes('/api/v1/items?limit='));
  const reasonsSaved = page.waitForResponse((r) => r.url().endsWith('/api/v1/waste-reasons'));
  olga = await operator(server);
  await signInThroughApp(page, server, olga);
  await Promise.all([catalogSaved, reasonsSaved]);
  // Stored in IndexedDB just after the responses arrive: wait until the device holds them.
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('opsledger');
        open.onerror = () => resolve(false);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('catalog')) {
            db.close();
            return resolve(false);
          }
          const keys = db.transaction('catalog').objectStore('catalog').getAllKeys();
          keys.onsuccess = () => {
            db.close();
            resolve(['catalog', 'waste-reasons'].every((k) => keys.result.includes(k)));
          };
          keys.onerror = () => {
            db.close();
            resolve(false);
          };
        };
      }),
    undefined,
    { polling: 100, timeout: 15_000 },
  );
});

/** Logs waste through the app; with no connection the result is "saved on this device". */
async function logWaste(qty: string) {
  await page.getByRole('link', { name: 'Log waste' }).click();
  await page.getByLabel('Reason').locator('option[value="damaged"]').waitFor({ state: 'attached' });
  await wedgeScan(page, EAN13);
  await page.getByTestId('item-card').getByText('Wheat flour 25 kg').waitFor();
  await wedgeScan(page, 'FLOOR-1');
  await page.getByRole('button', { name: /Wasted at: FLOOR-1/ }).waitFor();
  await page.getByLabel(/Quantity wasted/).fill(qty);
  await page.getByLabel('Reason').selectOption('damaged');
  await page.getByRole('button', { name: 'Book waste' }).click();
}

describe('offline scanning', () => {
  it('syncs an offline waste exactly once when the network returns, and once only after a forced retry', async () => {
    await context.setOffline(true);
    await logWaste('2');
    await page.getByTestId('flow-result').getByText('Saved on this device').waitFor();
    await page.getByTestId('pending-banner').getByText('1 scan waiting to sync').waitFor();
    await screenshot(page, 'waste-offline-queued');
    expect(await movements(server, 'FLOUR', 'waste')).toHaveLength(0);

    // The first delivery reaches the server and is booked, but the answer is lost on the way back.
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/v1/movements') && request.method() === 'POST') {
        sent.push(request.headers()['idempotency-key'] ?? '');
      }
    });
    let lostAnswers = 0;
    let intercepted = false;
    await page.route('**/api/v1/movements', async (route) => {
      if (intercepted) return route.continue();
      intercepted = true;
      await route.fetch();
      await route.abort('connectionreset');
      lostAnswers += 1;
    });
    await context.setOffline(false);
    await expect.poll(() => lostAnswers, { timeout: 15_000 }).toBe(1);
    await page.getByTestId('pending-banner').getByText('1 scan waiting to sync').waitFor();
    expect(await movements(server, 'FLOUR', 'waste')).toHaveLength(1);

    await page.getByTestId('pending-banner').click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByTestId('pending-banner').waitFor({ state: 'detached' });
    await screenshot(page, 'waste-synced');

    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1]).toBe(sent[0]);
    const wasted = await movements(server, 'FLOUR', 'waste');
    expect(wasted).toHaveLength(1);
    expect(wasted[0]).toMatchObject({
      qty: '2',
      from: 'FLOOR-1',
      to: 'SCRAP',
      reason: 'damaged',
      scan: EAN13,
    });
    expect(await stockQty(server, 'FLOUR', 'FLOOR-1')).toBe('8');
  });

  it('shows a scan the server refused after syncing, for the operator to fix and resend', async () => {
    const sent: { key: string | undefined; queuedAt: string | undefined }[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/v1/movements') && request.method() === 'POST') {
        const headers = request.headers();
        sent.push({ key: headers['idempotency-key'], queuedAt: headers['x-opsledger-queued-at'] });
      }
    });
    await context.setOffline(true);
    await logWaste('50');
    await page.getByTestId('flow-result').getByText('Saved on this device').waitFor();
    await context.setOffline(false);

    await page
      .getByTestId('refused-banner')
      .getByText('1 scan refused — tap to fix')
      .waitFor({ timeout: 15_000 });
    await page.getByTestId('refused-banner').click();
    const refused = page.getByTestId('refused-scan');
    await refused.getByText(/Refused: Wasted 50 bag Wheat flour 25 kg at FLOOR-1/).waitFor();
    await expect(refused.textContent()).resolves.toMatch(/Not enough FLOUR at FLOOR-1/);
    await screenshot(page, 'waste-refused');
    expect(await movements(server, 'FLOUR', 'waste')).toHaveLength(0);

    // The sync marked the replay as made offline, so the refusal also reached Olga as a notification
    // (for when she is no longer looking at this screen).
    expect(sent).toHaveLength(1);
    expect(Date.parse(sent[0]!.queuedAt ?? '')).toBeLessThanOrEqual(Date.now());
    const offlineNotices = async () => {
      const res = await server.harness.get<{
        data: {
          kind: string;
          category: string;
          title: string;
          body: string;
          data: Record<string, unknown>;
        }[];
      }>('/api/v1/notifications', olga.token);
      expect(res.status, res.text).toBe(200);
      return res.body.data.filter((n) => n.kind === 'operations.offline_scan_refused');
    };
    const notices = await offlineNotices();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      category: 'operations',
      title: 'A scan made offline was refused',
      data: {
        code: 'insufficient_stock',
        path: '/api/v1/movements',
        idempotencyKey: sent[0]!.key,
        queuedAt: new Date(sent[0]!.queuedAt!).toISOString(),
      },
    });
    expect(notices[0]!.body).toContain('waste of 50 bag Wheat flour 25 kg (FLOUR) at FLOOR-1');

    await refused.getByLabel('Quantity').fill('4');
    await refused.getByRole('button', { name: 'Retry' }).click();
    await refused.waitFor({ state: 'detached' });
    // Retry puts the scan back in the queue first and sends it after, so the booking lands a moment
    // after the refused card goes.
    await expect
      .poll(async () => (await movements(server, 'FLOUR', 'waste')).length, { timeout: 15_000 })
      .toBe(1);
    const wasted = await movements(server, 'FLOUR', 'waste');
    expect(wasted).toHaveLength(1);
    expect(wasted[0]).toMatchObject({ qty: '4' });
    expect(await stockQty(server, 'FLOUR', 'FLOOR-1')).toBe('6');
    // The corrected scan was booked: no further notice.
    expect(await offlineNotices()).toHaveLength(1);
  });

  it('opens the installed app without a connection, as the account last signed in, and queues scans', async () => {
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // The service worker controls pages from the next load on.
    await page.reload();
    await page.getByRole('navigation', { name: 'Tasks' }).waitFor();
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('navigation', { name: 'Tasks' }).waitFor();
    await page.getByText('Offline — scans are saved on this device').waitFor();
    await screenshot(page, 'offline-start');
    await logWaste('1');
    await page.getByTestId('pending-banner').getByText('1 scan waiting to sync').waitFor();
    // A reload keeps the queue (IndexedDB), and the connection coming back sends it.
    await page.reload();
    await page.getByTestId('pending-banner').getByText('1 scan waiting to sync').waitFor();
    await context.setOffline(false);
    await page.getByTestId('pending-banner').waitFor({ state: 'detached', timeout: 20_000 });
    expect(await movements(server, 'FLOUR', 'waste')).toHaveLength(1);
  });

  it('signs out after warning about unsynced scans, revoking the session and clearing tokens, caches and storage', async () => {
    let bearer = '';
    page.on('request', (request) => {
      const header = request.headers().authorization;
      if (header?.startsWith('Bearer ')) bearer = header.slice('Bearer '.length);
    });
    expect((await context.cookies()).map((c) => c.name)).toContain('__Secure-opsledger_refresh');
    // Keep one scan unsynced: the movements endpoint cannot be reached.
    await page.route('**/api/v1/movements', (route) => route.abort('internetdisconnected'));
    await logWaste('1');
    await page.getByTestId('pending-banner').getByText('1 scan waiting to sync').waitFor();
    expect(bearer).not.toBe('');

    await page.goto(`${server.origin}/app/profile`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    const warning = page.getByRole('alertdialog');
    await warning.getByText('1 unsynced scan will be lost').waitFor();
    await screenshot(page, 'sign-out-warning');
    await warning.getByRole('button', { name: 'Sign out and lose them' }).click();
    await page.getByLabel('Password').waitFor();
    await screenshot(page, 'signed-out');

    const left = await page.evaluate(async () => ({
      databases: (await indexedDB.databases()).map((d) => d.name),
      caches: await caches.keys(),
      local: Object.keys(localStorage),
      session: Object.keys(sessionStorage),
    }));
    expect(left.databases).not.toContain('opsledger');
    expect(left.caches).toEqual([]);
    expect(left.local.filter((key) => !['opsledger.workspace', 'opsledger.camera'].includes(key))).toEqual(
      [],
    );
    expect(left.session).toEqual([]);
    expect((await context.cookies()).map((c) => c.name)).not.toContain('__Secure-opsledger_refresh');
    expect((await server.harness.get('/api/v1/me', bearer)).status).toBe(401);

    await page.reload();
    await page.getByLabel('Password').waitFor();
  });
});
