import type { RoleView as Role } from '../../preload/api';
import { expect, test } from '@playwright/test';
import { debianChromium, SCREENS_DIR } from '../../test-support/web/chromium';
import { getCredentials } from '../../test-support/web/credential-client';
import { startDevWeb, type DevWeb } from '../../test-support/web/dev-web';
import { nav } from '../../test-support/web/nav';

/**
 * The slot cards against the real core: each names its account, where clients read it (the
 * same URL the env lines give), and where its credentials came from; a long slot name wraps and
 * leaves the countdown on the card; Unload all asks first.
 */
test.use({ ...debianChromium, permissions: ['clipboard-read', 'clipboard-write'] });


const LONG_SLOT = 'payments-production-eu-west-1-terraform-plan-and-apply-for-the-ledger-service-team';
let app: DevWeb;
let roles: Role[];
test.beforeAll(async () => {
  app = await startDevWeb();
  roles = await app.signInForRoles();
  expect(roles?.length).toBeGreaterThan(10);
  for (const [arg, slot] of [
    [{ roleKey: roles[3]!.key }, ''],
    [{ roleKey: roles[7]!.key, slotted: true }, roles[7]!.profileName],
    [{ roleKey: roles[9]!.key, slot: LONG_SLOT }, LONG_SLOT],
  ] as const) {
    expect(await app.op('loadRole', arg)).toMatchObject({ ok: true, value: { slot } });
  }
});
test.afterAll(async () => {
  await app?.stop();
});

test('each card: account name, URL (copyable, the one clients use), source; no repeated profile line', async ({ page }) => {
  await page.goto(app.url);
  await nav(page, /^Slots/);
  const base = app.credentialServerUrl;

  const byDefault = page.getByRole('article', { name: 'Default slot' });
  await expect(byDefault).toContainText(roles[3]!.accountName);
  await expect(byDefault).toContainText(roles[3]!.accountId);
  await expect(byDefault.getByTestId('slot-url')).toHaveText(base);
  await expect(byDefault.getByTestId('slot-source')).toHaveText(new RegExp(`^IAM Identity Center \\(${new URL(app.standin.startUrl).host.replaceAll('.', '\\.')}\\)$`));
  // The default slot's name says nothing of who is in it: its profile is shown.
  await expect(byDefault.getByRole('term').filter({ hasText: 'Profile' })).toHaveCount(1);

  const slotted = roles[7]!.profileName;
  const own = page.getByRole('article', { name: `Slot ${slotted}` });
  await expect(own).toContainText(roles[7]!.accountName);
  // Its title already is the profile name.
  await expect(own.getByRole('term').filter({ hasText: 'Profile' })).toHaveCount(0);
  const url = `${base}slot/${encodeURIComponent(slotted)}`;
  await expect(own.getByTestId('slot-url')).toHaveText(url);
  await own.getByRole('button', { name: `Copy the URL of slot ${slotted}` }).click();
  await expect(own.getByText('URL copied')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  expect((await getCredentials(url, await token())).status).toBe(200);
  // The same URL the core writes into the env lines.
  await own.getByRole('button', { name: 'Copy env' }).click();
  await page.getByRole('menuitem', { name: 'bash / zsh' }).click();
  await expect(own.getByLabel(`bash / zsh lines for Slot ${slotted}`)).toContainText(`AWS_CONTAINER_CREDENTIALS_FULL_URI='${url}'`);

  // A pushed slot says so.
  const pushed = await fetch(`${base}slot/pushed`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...(await tokenHeader()) },
    body: JSON.stringify({ ProfileName: 'pushed', Creds: { accountId: roles[3]!.accountId, roleName: 'Pushed', accessKeyId: 'ASIAPUSHED0000000000', secretAccessKey: 'secret', sessionToken: 'token', expiration: Date.now() + 3_600_000 } }),
  });
  expect(pushed.status).toBe(200);
  await expect(page.getByRole('article', { name: 'Slot pushed' }).getByTestId('slot-source')).toHaveText('Pushed by a client (PUT)');
  await expect(page.getByRole('article', { name: 'Slot pushed' })).toContainText(roles[3]!.accountName);
});

test('a long slot name wraps; its countdown stays on the card, at 720×480 too', async ({ page }) => {
  await page.setViewportSize({ width: 720, height: 480 });
  await page.goto(app.url);
  await nav(page, /^Slots/);
  const card = page.getByRole('article', { name: `Slot ${LONG_SLOT}` });
  await card.scrollIntoViewIfNeeded();
  const countdown = card.getByTestId('countdown');
  await expect(countdown).toHaveText(/\d+:\d\d/);
  const [cardBox, countdownBox, titleBox] = [await card.boundingBox(), await countdown.boundingBox(), await card.getByRole('heading').boundingBox()];
  expect(countdownBox!.x + countdownBox!.width).toBeLessThanOrEqual(cardBox!.x + cardBox!.width);
  expect(titleBox!.x + titleBox!.width).toBeLessThanOrEqual(countdownBox!.x);
  expect(await card.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await page.screenshot({ path: `${SCREENS_DIR}/slots-long-name-720.png`, fullPage: true });
});

test('Unload all asks first; keeping them changes nothing, confirming unloads every slot', async ({ page }) => {
  await page.goto(app.url);
  await nav(page, /^Slots/);
  const cards = page.getByRole('article');
  const before = await cards.count();
  expect(before).toBeGreaterThanOrEqual(3);

  await page.getByRole('button', { name: 'Unload all' }).click();
  const ask = page.getByRole('group', { name: 'Unload every slot?' });
  await expect(ask).toContainText(`Unload all ${before} slots? Clients reading them get 404.`);
  await expect(ask.getByRole('button', { name: 'Unload all' })).toBeFocused();
  await ask.getByRole('button', { name: 'Keep them' }).click();
  await expect(ask).toHaveCount(0);
  await expect(cards).toHaveCount(before);
  expect((await getCredentials(app.credentialServerUrl, await token())).status).toBe(200);

  await page.getByRole('button', { name: 'Unload all' }).click();
  await page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(cards).toHaveCount(before);

  await page.getByRole('button', { name: 'Unload all' }).click();
  await ask.getByRole('button', { name: 'Unload all' }).click();
  await expect(cards).toHaveCount(0);
  await expect(page.getByText('Unloaded every slot')).toBeVisible();
  expect((await getCredentials(app.credentialServerUrl, await token())).status).toBe(404);
});

/** The credential server's token when one is on (revealed through the bridge, as the window's Show does). */
async function token(): Promise<string | undefined> {
  const state = await app.op<{ server: { auth: boolean } }>('getState');
  if (!state.ok || !state.value.server.auth) return undefined;
  const shown = await app.op<string>('revealToken');
  return shown.ok ? shown.value : undefined;
}

async function tokenHeader(): Promise<Record<string, string>> {
  const value = await token();
  return value ? { authorization: value } : {};
}
