// What the console's browser tests share: a real server and desk-sized browsers per test, closed
// after it, signing in through the console's own screens, and one screenshot per page under
// test-artifacts/screenshots/console-*.png.
import type { Browser, Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { launchChromium, screenshot } from './support/browser.ts';
import { type E2eServer, startE2eServer } from './support/server.ts';

export const DESK = { width: 1360, height: 900 };
/** A whole journey per test (server, browser, several sign-ins): generous, as CI shares two cores. */
export const CONSOLE_TEST_TIMEOUT = 300_000;

export interface Person {
  email: string;
  password: string;
}

export interface OpenConsole {
  page: Page;
  /** What the page reported as broken: scripts that threw, and anything the strict CSP blocked. */
  errors: string[];
}

export interface ConsoleTest {
  /** A fresh server, workspace and admin, for the test to set its scene in before a browser opens. */
  start(): Promise<E2eServer>;
  /** The console in a browser of its own, at the sign-in screen. */
  open(): Promise<OpenConsole>;
  /** The console in a browser of its own, signed in as the workspace admin. */
  openAsAdmin(): Promise<OpenConsole>;
}

/**
 * A real server and browsers for each test in the file, closed after it however it ended. Every
 * browser is held from the moment it is launched, so a test that fails while one opens closes it too.
 */
export function setUpConsole(): ConsoleTest {
  let server: E2eServer | undefined;
  let browsers: Browser[] = [];
  afterEach(async () => {
    const [opened, started] = [browsers, server];
    browsers = [];
    server = undefined;
    // Browsers first: a page still streaming from the server (the live dashboard) holds its close up.
    const closed = await Promise.allSettled(opened.map((browser) => browser.close()));
    await started?.close();
    for (const result of closed) if (result.status === 'rejected') throw result.reason;
  });

  const open = async (): Promise<OpenConsole> => {
    if (!server) throw new Error('start() the server before opening the console');
    const browser = await launchChromium();
    browsers.push(browser);
    const context = await browser.newContext({ viewport: DESK, serviceWorkers: 'block' });
    const page = await context.newPage();
    // Anything the strict Content-Security-Policy blocks shows up as a console error.
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused to/.test(message.text()))
        errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${server.origin}/app/console/`);
    return { page, errors };
  };

  return {
    async start() {
      if (server) throw new Error('one server per test');
      server = await startE2eServer();
      return server;
    },
    open,
    async openAsAdmin() {
      const opened = await open();
      await signInAsAdmin(opened.page, server!);
      return opened;
    },
  };
}

/** Signs in on the shared sign-in screen (workspace code, then email and password). */
export async function signInToConsole(page: Page, server: E2eServer, person: Person): Promise<void> {
  await page.getByLabel('Workspace code').fill(server.ws.code);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function signInAsAdmin(page: Page, server: E2eServer): Promise<void> {
  await signInToConsole(page, server, server.ws.admin);
  await page.getByRole('navigation', { name: 'Console' }).waitFor();
}

/** Follows a link in the console's navigation and waits for the page's heading. */
export async function goTo(page: Page, link: string, heading: string | RegExp = link): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Console' })
    .getByRole('link', { name: link, exact: true })
    .click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

export async function consoleShot(page: Page, name: string): Promise<void> {
  await screenshot(page, `console-${name}`);
}

export function navLinks(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Console' }).getByRole('link').allInnerTexts();
}
