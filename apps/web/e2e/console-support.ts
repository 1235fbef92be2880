// What the console's browser tests share: a desk-sized browser window, signing in through the
// console's own screens, and one screenshot per page under test-artifacts/screenshots/console-*.png.
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshot } from './support/browser.ts';
import type { E2eServer } from './support/server.ts';

export const DESK = { width: 1360, height: 900 };
/** A whole journey per test (server, browser, several sign-ins): generous, as CI shares two cores. */
export const CONSOLE_TEST_TIMEOUT = 300_000;

export interface Person {
  email: string;
  password: string;
}

export async function openConsole(
  server: E2eServer,
): Promise<{ browser: Browser; page: Page; errors: string[] }> {
  const browser = await launchChromium();
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
  return { browser, page, errors };
}

/** Signs in on the shared sign-in screen (workspace code, then email and password). */
export async function signInToConsole(page: Page, server: E2eServer, person: Person): Promise<void> {
  await page.getByLabel('Workspace code').fill(server.ws.code);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signInAsAdmin(page: Page, server: E2eServer): Promise<void> {
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
