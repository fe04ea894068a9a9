import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SLOTS_SECRET } from '../../main/credentials/persistence';
import { openHeadlessSecretStore } from '../../main/secrets/headless-secret-store';
import { makeAccounts } from '../../test-support/sso-standin';
import { debianChromium, SCREENS_DIR } from '../../test-support/web/chromium';
import { getCredentials } from '../../test-support/web/credential-client';
import { devWebForDescribe } from '../../test-support/web/dev-web';
import { nav } from '../../test-support/web/nav';

/**
 * A person's first session: sign in to IAM Identity Center (the stand-in approves), find a role
 * among ~900, load it, check that an SDK-style request gets exactly that role's credentials,
 * load a second into its own slot, watch the countdown, unload.
 */
test.use({ ...debianChromium, permissions: ['clipboard-read', 'clipboard-write'] });

const ACCOUNTS = makeAccounts(300, 3);

test.describe('a first session', () => {
  const app = devWebForDescribe();

  test('sign in, pick, load, serve, unload', async ({ page }) => {
    test.setTimeout(90_000);
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(app().url);
    // The bridge token leaves the address bar once read.
    expect(new URL(page.url()).hash).toBe('');

    // Signed out: the picker says what to do.
    await expect(page.getByRole('heading', { name: 'Sign in to see your roles' })).toBeVisible();
    await page.screenshot({ path: `${SCREENS_DIR}/roles-signed-out.png` });
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    // The device code is shown big while the stand-in waits one poll before approving.
    const code = page.getByTestId('user-code');
    await expect(code).toBeVisible();
    await expect(code).toHaveText(/^[A-Z0-9-]{4,}$/);
    await expect(page.getByRole('button', { name: 'Open verification page' })).toBeEnabled();
    await page.screenshot({ path: `${SCREENS_DIR}/sign-in-code.png` });
    // ~900 roles arrive; search narrows to one.
    await expect(page.getByText('900 roles', { exact: true })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText('List fetched just now')).toBeVisible();
    await nav(page, /^Server/);
    await expect(page.getByText('Signed in', { exact: true })).toBeVisible();
    // The stand-in grants refresh tokens and sets no session end: RoleTray renews the session itself.
    await expect(page.getByText('the session renews itself')).toBeVisible();
    await page.screenshot({ path: `${SCREENS_DIR}/server.png`, fullPage: true });
    await nav(page, /^Roles/);
    const search = page.getByRole('combobox', { name: 'Search roles' });
    await search.fill('identity staging 042 readonly');
    await expect(page.getByRole('option')).toHaveCount(1);
    const first = ACCOUNTS[42]!;
    await expect(page.getByRole('option').first()).toContainText(first.accountId);
    await search.press('Enter');
    await expect(page.getByText(`Loaded ${first.accountId}:ReadOnlyAccess into the default slot`)).toBeVisible();

    // An SDK-style request gets exactly that account and role.
    const creds = await getCredentials(app().credentialServerUrl);
    expect(creds.status).toBe(200);
    expect(creds.body).toMatchObject({ AccountId: first.accountId, RoleArn: `arn:aws:iam::${first.accountId}:role/ReadOnlyAccess` });
    expect((creds.body as { Expiration: string }).Expiration).toMatch(/Z$/);

    // A second role into its own slot, named by its profile.
    const second = ACCOUNTS[0]!;
    await search.fill('payments prod 000 administrator');
    await expect(page.getByRole('option')).toHaveCount(1);
    await search.press('Shift+Enter');
    const slotName = `${second.accountId}:AdministratorAccess`;
    await expect(page.getByText(`Loaded ${slotName} into slot “${slotName}”`)).toBeVisible();
    const named = await getCredentials(`${app().credentialServerUrl}slot/${encodeURIComponent(slotName)}`);
    expect(named.status).toBe(200);
    expect(named.body).toMatchObject({ AccountId: second.accountId, RoleArn: `arn:aws:iam::${second.accountId}:role/AdministratorAccess` });

    await search.fill('');
    await expect(page.getByRole('option').first()).toBeVisible();
    await page.screenshot({ path: `${SCREENS_DIR}/roles.png` });

    // Both slots with a live countdown.
    await nav(page, /^Slots/);
    const defaultSlot = page.getByRole('article', { name: 'Default slot' });
    const namedSlot = page.getByRole('article', { name: `Slot ${slotName}` });
    await expect(defaultSlot).toContainText('ReadOnlyAccess');
    await expect(namedSlot).toContainText('AdministratorAccess');
    const countdown = defaultSlot.getByTestId('countdown');
    await expect(countdown).toHaveText(/\d+:\d\d/);
    const before = await countdown.textContent();
    await expect(countdown).not.toHaveText(before!, { timeout: 3_000 });

    // Copy env for the named slot: the lines are shown and on the clipboard.
    await namedSlot.getByRole('button', { name: 'Copy env' }).click();
    await page.getByRole('menuitem', { name: 'bash / zsh' }).click();
    const lines = namedSlot.getByLabel(`bash / zsh lines for Slot ${slotName}`);
    await expect(lines).toContainText(`export AWS_CONTAINER_CREDENTIALS_FULL_URI='${app().credentialServerUrl}slot/${encodeURIComponent(slotName)}'`);
    await expect(namedSlot.getByText(/Copied \d+ bash \/ zsh lines/)).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('AWS_CONTAINER_CREDENTIALS_FULL_URI');
    await page.screenshot({ path: `${SCREENS_DIR}/slots.png`, fullPage: true });

    // While both slots are loaded (and saved, encrypted), no secret lies in clear in the app's files or its log.
    const secrets = [creds.body, named.body].flatMap((b) => [(b as Record<string, string>).SecretAccessKey!, (b as Record<string, string>).Token!]);
    expect(secrets.every((s) => s.length > 10)).toBe(true);
    // Slots are saved shortly after a change: wait until the saved copy, read back with the app's own key, holds both.
    const saved = await openHeadlessSecretStore(app().configDir);
    for (const secret of secrets) await expect.poll(async () => (await saved.get(SLOTS_SECRET)) ?? 'nothing saved', { message: 'the slots were saved' }).toContain(secret);
    const files = filesUnder(app().configDir);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const secret of secrets) expect(bytes.includes(secret), `${file} holds a secret in clear`).toBe(false);
    }
    for (const secret of secrets) expect(app().stderr()).not.toContain(secret);

    // Unload the default slot: the server answers 404 for it, the named slot still serves.
    await defaultSlot.getByRole('button', { name: 'Unload' }).click();
    await expect(page.getByRole('article', { name: 'Default slot' })).toHaveCount(0);
    expect((await getCredentials(app().credentialServerUrl)).status).toBe(404);
    expect((await getCredentials(`${app().credentialServerUrl}slot/${encodeURIComponent(slotName)}`)).status).toBe(200);

    await page.getByRole('button', { name: 'Unload all' }).click();
    await page.getByRole('group', { name: 'Unload every slot?' }).getByRole('button', { name: 'Unload all' }).click();
    await expect(page.getByRole('article', { name: `Slot ${slotName}` })).toHaveCount(0);
    expect((await getCredentials(`${app().credentialServerUrl}slot/${encodeURIComponent(slotName)}`)).status).toBe(404);

    // The strict CSP held: nothing was refused, nothing threw.
    expect(problems).toEqual([]);
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}
