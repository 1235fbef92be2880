// Receiving through the camera: real barcodes drawn with bwip-js become the picture of Chromium's
// fake camera, the app decodes them with ZXing (WASM served by our server) and the receipt lands in
// the ledger with the raw scanned text.
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { SignedIn } from '../../server/src/testing/harness.ts';
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

// Records what the app asks of the phone, then lets the browser do it: vibrations, and the torch
// settings applied to the camera's track. Chromium's fake camera has no torch and a desktop has no
// vibration motor, so the requests are what can be checked here; the real calls still run behind
// the records, except where a test makes the camera report a torch and, for the light to switch,
// accept it.
const RECORD_VIBRATIONS = `
  window.__vibrations = [];
  const vibrate = navigator.vibrate.bind(navigator);
  navigator.vibrate = (pattern) => { window.__vibrations.push(pattern); return vibrate(pattern); };`;
const cameraWithTorch = (accepts: boolean) => `
  window.__torch = [];
  const capabilities = MediaStreamTrack.prototype.getCapabilities;
  MediaStreamTrack.prototype.getCapabilities = function () {
    return this.kind === 'video' ? { ...capabilities.call(this), torch: true } : capabilities.call(this);
  };
  const apply = MediaStreamTrack.prototype.applyConstraints;
  MediaStreamTrack.prototype.applyConstraints = function (constraints) {
    const torch = constraints && constraints.advanced && constraints.advanced[0] && constraints.advanced[0].torch;
    if (torch === undefined) return apply.call(this, constraints);
    window.__torch.push(torch);
    return ${accepts ? 'Promise.resolve()' : 'apply.call(this, constraints)'};
  };`;

async function receiveScreen(person: SignedIn, initScript: string) {
  const context = await phoneContext(browser!, server!.origin);
  await context.addInitScript(initScript);
  const page = await context.newPage();
  await signInThroughApp(page, server!, person);
  await page.getByRole('link', { name: 'Receive' }).click();
  await page.getByRole('button', { name: 'Scan with camera' }).click();
  return page;
}

const recorded = <T>(page: Page, name: string) =>
  page.evaluate((key) => (window as unknown as Record<string, T>)[key]!, name);

describe('what the operator feels and can switch on', () => {
  it('buzzes short for a good read and long for a bad one, and offers the light only where the camera has one', async () => {
    const video = path.join(os.tmpdir(), `opsledger-feedback-${process.pid}.y4m`);
    await writeFakeCameraVideo(video, [
      { bcid: 'qrcode', text: 'STORE-A', seconds: 2 },
      { bcid: 'qrcode', text: 'NO-SUCH-CODE', seconds: 2 },
      { bcid: 'ean13', text: EAN13, seconds: 3 },
    ]);
    server = await startE2eServer();
    await seedWarehouse(server);
    const person = await operator(server);
    browser = await launchChromium({ fakeVideo: video });

    // The fake camera as it is: no torch, so no light switch; every read buzzes.
    const page = await receiveScreen(person, RECORD_VIBRATIONS);
    await page.getByRole('button', { name: /Put away at: STORE-A/ }).waitFor({ timeout: 30_000 });
    await page
      .getByTestId('item-card')
      .getByText(/Wheat flour/)
      .waitFor({ timeout: 30_000 });
    await expect
      .poll(() => recorded<unknown[]>(page, '__vibrations'), { timeout: 30_000 })
      .toEqual(expect.arrayContaining([60, [150, 80, 150]]));
    expect(await page.getByRole('button', { name: /Light (on|off)/ }).count()).toBe(0);

    // A camera with a torch: the switch turns it on and off.
    const lit = await receiveScreen(person, cameraWithTorch(true));
    await lit.getByRole('button', { name: 'Light on' }).click({ timeout: 30_000 });
    const off = lit.getByRole('button', { name: 'Light off' });
    await off.waitFor();
    expect(await off.getAttribute('aria-pressed')).toBe('true');
    await screenshot(lit, 'camera-light-on');
    await off.click();
    await lit.getByRole('button', { name: 'Light on' }).waitFor();
    expect(await recorded<boolean[]>(lit, '__torch')).toEqual([true, false]);

    // A camera that lists a torch the browser then cannot drive (Chromium's fake one): the operator
    // is told, and the switch stays off.
    const refused = await receiveScreen(person, cameraWithTorch(false));
    await refused.getByRole('button', { name: 'Light on' }).click({ timeout: 30_000 });
    await refused.getByText('The light could not be switched on.').waitFor();
    expect(await refused.getByRole('button', { name: 'Light on' }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    expect(await recorded<boolean[]>(refused, '__torch')).toEqual([true]);
  });
});
