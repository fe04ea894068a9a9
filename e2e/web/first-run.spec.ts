import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { debianChromium, SCREENS_DIR } from '../../test-support/web/chromium';
import { startDevWeb, type DevWeb } from '../../test-support/web/dev-web';
import { nav } from '../../test-support/web/nav';

/**
 * A first run against the real core: no IAM Identity Center instance yet, so the window opens on
 * a setup (start URL, region, Sign in) and lands on the roles once the stand-in approves. Later,
 * signed out, the cached roles stay under a banner that signs in again in place.
 */
test.use(debianChromium);
test.describe.configure({ mode: 'serial' });

let app: DevWeb;
test.beforeAll(async () => {
  app = await startDevWeb();
  // dev-web configures its stand-in; a first run has nothing configured.
  expect(await app.op('updateSettings', { ssoInstances: [] })).toMatchObject({ ok: true });
});
test.afterAll(async () => {
  await app?.stop();
});

test('first run: set up, sign in, land on the roles', async ({ page }) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Roles' })).toBeVisible();
  await expect(page.getByText('No IAM Identity Center instance yet')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Sign in to see your roles' })).toBeVisible();
  // The setup, not an empty list to search.
  await expect(page.getByRole('combobox', { name: 'Search roles' })).toHaveCount(0);
  const startUrl = page.getByLabel('Start URL');
  await expect(startUrl).toBeFocused();

  // Our rules, in our words, beside the field: not the browser's "Please enter a URL".
  await startUrl.fill('http://d-standin.awsapps.com/start');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('The start URL must be an https URL such as https://my-org.awsapps.com/start');
  await expect(startUrl).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Region', { exact: true }).selectOption('other');
  await page.getByLabel('Region name').fill('Frankfurt');
  await expect(page.getByRole('alert').filter({ hasText: 'region' })).toHaveText('The region must be an AWS region such as us-east-1');
  // Nothing was saved.
  expect(await settingsInstances()).toEqual([]);

  await startUrl.fill(app.standin.startUrl);
  await page.getByLabel('Region', { exact: true }).selectOption(app.standin.region);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();

  // The device code shows, in view, while the stand-in waits a poll before approving.
  const code = page.getByTestId('user-code');
  await expect(code).toBeVisible();
  await expect(code).toBeInViewport();
  await page.screenshot({ path: `${SCREENS_DIR}/first-run-code.png` });
  await expect(page.getByText('900 roles', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('combobox', { name: 'Search roles' })).toBeFocused();
  expect(await settingsInstances()).toEqual([{ startUrl: app.standin.startUrl, region: app.standin.region }]);
});

test('signed out: the cached roles stay, under a banner that signs in again here', async ({ page }) => {
  await page.goto(app.url);
  await expect(page.getByText('900 roles', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'Signed out' })).toHaveCount(0);
  expect(await app.op('signOut', app.standin.startUrl)).toMatchObject({ ok: true });

  const banner = page.getByRole('region', { name: 'Signed out' });
  await expect(banner).toContainText('These roles are the list kept from your last sign-in');
  await expect(page.getByText('900 roles', { exact: true })).toBeVisible();
  await expect(page.getByRole('option').first()).toBeVisible();
  await banner.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(banner.getByTestId('user-code')).toBeVisible();
  await expect(banner).toHaveCount(0, { timeout: 20_000 });

  // Sign-in comes first on its own screen, too.
  await nav(page, /^Server/);
  const firstCard = page.locator('.screen > .card').first();
  await expect(firstCard.getByRole('heading', { name: 'IAM Identity Center' })).toBeVisible();
  await expect(firstCard.getByText('Signed in', { exact: true })).toBeVisible();
});

async function settingsInstances(): Promise<unknown[]> {
  const state = await app.op<{ settings: { ssoInstances: unknown[] } }>('getState');
  if (!state.ok) throw new Error(state.error);
  return state.value.settings.ssoInstances;
}

test.describe('a browser sign-in', () => {
  let pkce: DevWeb | undefined;
  test.beforeAll(async () => {
    // "The person's browser": it is handed the sign-in page and never opens it.
    const dir = mkdtempSync(join(tmpdir(), 'roletray-pkce-panel-'));
    const browser = join(dir, 'browser.sh');
    writeFileSync(browser, '#!/bin/sh\nexit 0\n');
    chmodSync(browser, 0o755);
    pkce = await startDevWeb(['--sign-in', 'pkce', '--browser', browser]);
  });
  test.afterAll(async () => {
    await pkce?.stop();
  });

  test('shows where to finish it, in view, and can switch to a code', async ({ page }) => {
    await page.goto(pkce!.url);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const panel = page.getByTestId('browser-sign-in');
    await expect(panel).toContainText('Finish signing in in your browser.');
    await expect(panel).toBeInViewport();
    await expect(panel.getByRole('button', { name: 'Open the sign-in page again' })).toBeEnabled();
    await page.screenshot({ path: `${SCREENS_DIR}/sign-in-browser-panel.png` });

    await panel.getByRole('button', { name: 'Sign in with a code instead' }).click();
    await expect(page.getByTestId('user-code')).toBeVisible();
    await expect(page.getByTestId('browser-sign-in')).toHaveCount(0);
    await expect(page.getByText('900 roles', { exact: true })).toBeVisible({ timeout: 20_000 });
  });
});
