// Receiving through the camera: real barcodes drawn with bwip-js become the picture of Chromium's
// fake camera, the app decodes them with ZXing (WASM served by our server) and the receipt lands in
// the ledger with the raw scanned text.
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { launchChromium, phoneContext, screenshot } from './support/browser.ts';
import { writeFakeCameraVideo } from './support/fake-camera.ts';
import {
  EAN13,
  GTIN,
  movements,
  operator,
  seedWarehouse,
  signInThroughApp,
  stockQty,
} from './support/scenario.ts';
import { type E2eServer, startE2eServer } from './support/server.ts';

let server: E2eServer | undefined;
let browser: Browser | undefined;
afterEach(async () => {
  await browser?.close();
  await server?.close();
  browser = undefined;
  server = undefined;
});

async function receiveWithCamera(video: string, expectItem: RegExp, qty: string, shot: string) {
  server = await startE2eServer();
  await seedWarehouse(server);
  const person = await operator(server);
  browser = await launchChromium({ fakeVideo: video });
  const context = await phoneContext(browser, server.origin);
  const page = await context.newPage();
  const wasmRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.wasm')) wasmRequests.push(request.url());
  });
  await signInThroughApp(page, server, person);
  await page.getByRole('link', { name: 'Receive' }).click();
  await page.getByRole('button', { name: 'Scan with camera' }).click();

  // Location first, then the item: the flow routes each scan by what it is.
  await page.getByRole('button', { name: /Put away at: STORE-A/ }).waitFor({ timeout: 30_000 });
  await page.getByTestId('item-card').getByText(expectItem).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Stop camera' }).click();
  await screenshot(page, `${shot}-before-confirm`);
  await page.getByLabel(/Quantity received/).fill(qty);
  await page.getByRole('button', { name: 'Book receipt' }).click();
  await page.getByTestId('flow-result').getByText('Booked ✓').waitFor();
  await screenshot(page, `${shot}-booked`);
  return { page, wasmRequests, origin: server.origin };
}

describe('receiving through the camera', () => {
  it('receives an EAN-13 item into a scanned location and books it in the ledger', async () => {
    const video = path.join(os.tmpdir(), `opsledger-ean13-${process.pid}.y4m`);
    await writeFakeCameraVideo(video, [
      { bcid: 'qrcode', text: 'STORE-A', seconds: 2 },
      { bcid: 'ean13', text: EAN13, seconds: 3 },
    ]);
    const { page, wasmRequests, origin } = await receiveWithCamera(
      video,
      /Wheat flour/,
      '4',
      'receive-ean13',
    );

    expect(wasmRequests.length).toBeGreaterThan(0);
    for (const url of wasmRequests) expect(url.startsWith(`${origin}/app/assets/`)).toBe(true);
    await page.getByTestId('flow-result').getByText('Stock at STORE-A now: 4').waitFor();

    const booked = await movements(server!, 'FLOUR', 'receive');
    expect(booked).toHaveLength(1);
    expect(booked[0]).toMatchObject({ qty: '4', from: 'SUPPLIER', to: 'STORE-A', scan: EAN13 });
    expect(await stockQty(server!, 'FLOUR', 'STORE-A')).toBe('4');
  });

  it('receives a GS1 DataMatrix with lot and expiry pre-filled from the label', async () => {
    const video = path.join(os.tmpdir(), `opsledger-gs1-${process.pid}.y4m`);
    await writeFakeCameraVideo(video, [
      { bcid: 'code128', text: 'STORE-A', seconds: 2 },
      { bcid: 'gs1datamatrix', text: `(01)${GTIN}(10)LOT42(17)271231`, seconds: 3 },
    ]);
    const { page } = await receiveWithCamera(video, /Dry yeast/, '12.5', 'receive-gs1-datamatrix');
    void page;

    const booked = await movements(server!, 'YEAST', 'receive');
    expect(booked).toHaveLength(1);
    expect(booked[0]).toMatchObject({ qty: '12.5', to: 'STORE-A', lot: 'LOT42' });
    expect(booked[0]!.scan).toContain(GTIN);
    expect(booked[0]!.scan).toContain('LOT42');
    const { data: lots } = await server!.api<{ data: { lot: string; expiry: string | null; qty: string }[] }>(
      'GET',
      '/api/v1/stock?sku=YEAST',
    );
    expect(lots).toEqual([expect.objectContaining({ lot: 'LOT42', expiry: '2027-12-31', qty: '12.5' })]);
  });
});
