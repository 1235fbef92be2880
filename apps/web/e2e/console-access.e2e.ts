// People and access: an admin builds a custom role from the permission checklist, creates an
// operator with it and a temporary password; the operator signs in, replaces the password, and
// is offered only what the role allows — the rest is neither in the navigation nor reachable.
import { describe, expect, it } from 'vitest';
import {
  CONSOLE_TEST_TIMEOUT,
  consoleShot,
  goTo,
  navLinks,
  setUpConsole,
  signInToConsole,
} from './console-support.ts';

const consoleTest = setUpConsole();

describe('console: people and access', () => {
  it(
    'an admin creates an operator with a custom role, who then sees only what the role allows',
    async () => {
      const server = await consoleTest.start();
      const admin = await consoleTest.openAsAdmin();
      const page = admin.page;
      expect(await navLinks(page)).toEqual(
        expect.arrayContaining(['Users', 'Roles', 'Audit trail', 'Settings']),
      );

      // A custom role from the checklist, grouped by area.
      await goTo(page, 'Roles');
      await consoleShot(page, 'roles');
      await page.getByRole('button', { name: 'New role' }).click();
      const form = page.getByRole('form', { name: 'New role' });
      await form.getByRole('button', { name: 'Create role' }).click();
      await form.getByText('Tick at least one permission.').waitFor();
      await form.getByLabel('Key').fill('counter');
      await form.getByLabel('Name').fill('Stock counter');
      for (const permission of ['items.read', 'stock.read', 'stock.adjust']) {
        await form
          .getByRole('checkbox', { name: new RegExp(`^${permission.replace('.', '\\.')}\\b`) })
          .check();
      }
      await consoleShot(page, 'role-form');
      await form.getByRole('button', { name: 'Create role' }).click();
      await page.getByRole('row', { name: /Stock counter/ }).waitFor();

      // The operator, with that role and a temporary password.
      await goTo(page, 'Users');
      await page.getByRole('button', { name: 'New user' }).click();
      const userForm = page.getByRole('form', { name: 'New user' });
      await userForm.getByLabel('Email').fill('not-an-email');
      await userForm.getByRole('button', { name: 'Create user' }).click();
      await userForm.getByText('Enter an email address.').waitFor();
      const email = `counter@${server.ws.code}.test`;
      const temporary = 'temporary pass phrase 2024';
      await userForm.getByLabel('Email').fill(email);
      await userForm.getByLabel('Name').fill('Carla Counter');
      await userForm.getByRole('checkbox', { name: /Stock counter/ }).check();
      await userForm.getByLabel(/Temporary password/).fill(temporary);
      await userForm.getByRole('button', { name: 'Create user' }).click();
      await page.getByRole('region', { name: 'User created' }).waitFor();
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByRole('link', { name: 'Carla Counter' }).click();
      await page.getByRole('heading', { level: 1, name: 'Carla Counter' }).waitFor();
      // Not signed in yet: no sessions (and never the admin's own).
      await page.getByRole('region', { name: 'Sessions and devices' }).getByText('No sessions.').waitFor();
      await goTo(page, 'Users');
      await consoleShot(page, 'users');

      // The operator signs in (in a browser of their own) and must choose a password first.
      const other = await consoleTest.open();
      await signInToConsole(other.page, server, { email, password: temporary });
      await other.page.getByLabel('Temporary password').fill(temporary);
      await other.page.getByLabel('New password').fill('my own long pass phrase 77');
      await other.page.getByRole('button', { name: 'Save password' }).click();
      await other.page.getByRole('navigation', { name: 'Console' }).waitFor();

      const links = await navLinks(other.page);
      expect(links.sort()).toEqual(['Items', 'Movement ledger', 'Stock on hand']);
      await other.page.getByRole('heading', { level: 1, name: 'Items' }).waitFor();
      // Read-only on items: nothing to create or import.
      await expect(other.page.getByRole('button', { name: 'New item' }).count()).resolves.toBe(0);
      await expect(other.page.getByRole('button', { name: 'Import CSV' }).count()).resolves.toBe(0);
      await consoleShot(other.page, 'operator-items');

      // Typing the address of a section the role lacks shows no data.
      await other.page.goto(`${server.origin}/app/console/users`);
      await other.page.getByRole('heading', { name: 'No access' }).waitFor();
      await consoleShot(other.page, 'operator-no-access');

      // The admin sees the operator's browser among their sessions and ends it.
      await goTo(page, 'Users');
      await page.getByRole('link', { name: 'Carla Counter' }).click();
      const sessions = page.getByRole('region', { name: 'Sessions and devices' });
      await sessions.getByRole('cell', { name: /^browser/ }).waitFor();
      await expect(sessions.getByRole('button', { name: 'Revoke', exact: true }).count()).resolves.toBe(1);
      await consoleShot(page, 'user-detail');
      await sessions.getByRole('button', { name: 'Revoke', exact: true }).click();
      await sessions.getByText(/ended/).waitFor();
      await other.page.reload();
      await other.page.getByLabel('Email').waitFor();
      expect(admin.errors).toEqual([]);
      expect(other.errors).toEqual([]);
    },
    CONSOLE_TEST_TIMEOUT,
  );
});
