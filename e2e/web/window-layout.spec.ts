import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { debianChromium, SCREENS_DIR } from '../../test-support/web/chromium';
import { startDevWeb, type DevWeb } from '../../test-support/web/dev-web';
import { installFakeRoleTray } from '../../test-support/web/fake-roletray';
import { layoutProblems, textContrast } from '../../test-support/web/layout-check';
import { nav } from '../../test-support/web/nav';
import { serveBuiltRenderer } from '../../test-support/web/protocol-served-renderer';

/**
 * Every screen at the window's default size and at its smallest (1040×720, 720×480), light and
 * dark: nothing runs off the side, nothing is cut off or lies over something else, disabled
 * buttons look disabled, the sidebar narrows, the status dot sits beside the URL. The README's
 * screenshots come from this run: `npx playwright test e2e/web/window-layout.spec.ts
 * --update-snapshots` writes them to assets/screenshots/.
 */
test.use({ ...debianChromium, permissions: ['clipboard-read', 'clipboard-write'] });
test.describe.configure({ mode: 'serial' });

const SIZES = [
  { width: 1040, height: 720 },
  { width: 720, height: 480 },
] as const;
const THEMES = ['light', 'dark'] as const;
const README_SHOTS = resolve(import.meta.dirname, '../../assets/screenshots');
const README_SIZE = SIZES[0];


let app: DevWeb;
test.beforeAll(async () => {
  app = await startDevWeb();
  const roles = await app.signInForRoles();
  expect(roles.length).toBe(900);
  // The README's scene: a role in the default slot, one in its own, one under a long name of its own.
  for (const arg of [{ roleKey: roles[40]!.key }, { roleKey: roles[2]!.key, slotted: true }, { roleKey: roles[7]!.key, slot: 'ledger-service-terraform-plan-and-apply-production-eu-west-1' }]) {
    expect(await app.op('loadRole', arg)).toMatchObject({ ok: true });
  }
  expect(await app.op('setPinned', { roleKey: roles[2]!.key, pinned: true })).toMatchObject({ ok: true });
  expect(await app.op('generateToken')).toMatchObject({ ok: true });
  expect(await app.op('generateTls')).toMatchObject({ ok: true });
  // The start-up notice (no token yet) is answered above; the screenshots show the screens, not it.
  const state = await app.op<{ notices: { id: string }[] }>('getState');
  for (const notice of state.ok ? state.value.notices : []) expect(await app.op('dismissNotice', notice.id)).toMatchObject({ ok: true });
});
test.afterAll(async () => {
  // The window's own setting, left as the next run expects it.
  await app?.op('updateSettings', { theme: 'system' });
  await app?.stop();
});

async function shot(page: Page, name: string, theme: string, size: { width: number; height: number }, inReadme = false): Promise<void> {
  const path = join(SCREENS_DIR, `layout-${name}-${theme}-${size.width}.png`);
  await page.screenshot({ path });
  const update = test.info().config.updateSnapshots;
  if (inReadme && theme === 'light' && size === README_SIZE && (update === 'all' || update === 'changed')) {
    mkdirSync(README_SHOTS, { recursive: true });
    copyFileSync(path, join(README_SHOTS, `${name}.png`));
  }
}

async function expectTidy(page: Page, where: string): Promise<void> {
  expect(await layoutProblems(page), where).toEqual([]);
}

for (const theme of THEMES) {
  for (const size of SIZES) {
    test(`${size.width}×${size.height}, ${theme}: every screen fits, nothing cut off or overlapping`, async ({ page }) => {
      test.setTimeout(90_000);
      await page.setViewportSize(size);
      expect(await app.op('updateSettings', { theme })).toMatchObject({ ok: true });
      await page.goto(app.url);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const at = (screen: string) => `${screen} at ${size.width}×${size.height}, ${theme}`;

      // The frame: a narrower sidebar in the small window; the dot beside the server's URL.
      const navBox = (await page.getByRole('navigation', { name: 'Sections' }).boundingBox())!;
      expect(navBox.width).toBeLessThanOrEqual(size.width < 800 ? 150 : 200);
      const dot = (await page.locator('.nav-foot .dot').boundingBox())!;
      const url = page.getByTestId('nav-server-url');
      const urlBox = (await url.boundingBox())!;
      const firstLine = (await url.evaluate((el) => el.getClientRects()[0]!.toJSON())) as DOMRect;
      expect(dot.x + dot.width).toBeLessThanOrEqual(urlBox.x);
      expect(dot.y + dot.height / 2).toBeGreaterThan(firstLine.top);
      expect(dot.y + dot.height / 2).toBeLessThan(firstLine.bottom);

      // Roles: the list, then a query, grouped.
      await expect(page.getByText('900 roles', { exact: true })).toBeVisible({ timeout: 20_000 });
      await expect(page.getByRole('option').first()).toBeVisible();
      await expectTidy(page, at('Roles'));
      await shot(page, 'roles', theme, size, true);
      await page.getByRole('combobox', { name: 'Search roles' }).fill('payments prod admin');
      await page.getByRole('checkbox', { name: 'Group by account' }).check();
      await expect(page.locator('.role-group').first()).toBeVisible();
      await expectTidy(page, at('Roles, grouped'));
      await shot(page, 'roles-grouped', theme, size);
      await page.getByRole('checkbox', { name: 'Group by account' }).uncheck();
      await page.getByRole('combobox', { name: 'Search roles' }).fill('');

      // Slots; then with one slot's lines shown (they carry the token: not for the README), and Unload all asking.
      await nav(page, /^Slots/);
      await expect(page.getByTestId('countdown').first()).toHaveText(/\d+:\d\d/);
      await expectTidy(page, at('Slots'));
      await shot(page, 'slots', theme, size, true);
      const own = page.getByRole('article', { name: /^Slot \d{12}:/ });
      await own.getByRole('button', { name: 'Copy env' }).click();
      await page.getByRole('menuitem', { name: 'bash / zsh' }).click();
      await expect(own.getByText(/Copied \d+ bash \/ zsh lines/)).toBeVisible();
      await expectTidy(page, at('Slots, with the lines'));
      await shot(page, 'slots-lines', theme, size);
      await page.getByRole('button', { name: 'Unload all' }).click();
      await expect(page.getByRole('group', { name: 'Unload every slot?' })).toBeVisible();
      await expectTidy(page, at('Slots, asking to unload all'));
      await page.keyboard.press('Escape');

      // Security, with the CA shown.
      await nav(page, /^Security/);
      await page.getByRole('button', { name: 'Export CA' }).click();
      await expect(page.getByTestId('ca-pem')).toBeVisible();
      await expectTidy(page, at('Security'));
      await shot(page, 'security', theme, size, true);

      // Server & sign-in, and Settings.
      await nav(page, /^Server/);
      await expect(page.getByTestId('env-default')).toContainText('AWS_CONTAINER_CREDENTIALS_FULL_URI');
      await expectTidy(page, at('Server & sign-in'));
      await shot(page, 'server', theme, size);
      // Disabled looks disabled: Apply, with the port unchanged, reads far fainter than Copy beside the lines.
      await expect(page.getByRole('button', { name: 'Apply' })).toBeDisabled();
      const [disabled, enabled] = [await textContrast(page, '#port ~ button'), await textContrast(page, '.env-panel .tabs .btn')];
      expect(disabled, `disabled ${disabled.toFixed(2)} vs enabled ${enabled.toFixed(2)}`).toBeLessThan(3);
      expect(enabled).toBeGreaterThan(7);
      await nav(page, /^Settings/);
      await expectTidy(page, at('Settings'));
      await shot(page, 'settings', theme, size);
    });
  }
}

test('the first-run setup and a session that needs attention fit at 720×480, light and dark', async ({ page }) => {
  await page.setViewportSize(SIZES[1]);
  const site = await serveBuiltRenderer();
  try {
    for (const theme of THEMES) {
      // Notices, slots near expiry and a signed-out banner over cached roles, on an in-page API.
      await page.addInitScript(installFakeRoleTray, { roleCount: 40, now: Date.now(), attention: true });
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(`${site.origin}/index.html`);
      await expect(page.getByRole('region', { name: 'Signed out' })).toBeVisible();
      await expectTidy(page, `Roles signed out, ${theme}`);
      await shot(page, 'roles-signed-out', theme, SIZES[1]);
      await nav(page, /^Slots/);
      await expect(page.getByTestId('countdown')).toHaveCount(3);
      await expectTidy(page, `Slots needing attention, ${theme}`);
      await shot(page, 'slots-attention', theme, SIZES[1]);
    }
  } finally {
    await site.close();
  }
  // The real core with nothing configured: the setup (in a page of its own: the in-page API above stays with its page).
  expect(await app.op('updateSettings', { ssoInstances: [] })).toMatchObject({ ok: true });
  const real = await page.context().newPage();
  await real.setViewportSize(SIZES[1]);
  for (const theme of THEMES) {
    expect(await app.op('updateSettings', { theme })).toMatchObject({ ok: true });
    await real.goto(app.url);
    await expect(real.getByLabel('Start URL')).toBeVisible();
    await real.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(real.getByRole('alert')).toBeVisible();
    await expectTidy(real, `first-run setup, ${theme}`);
    await shot(real, 'first-run', theme, SIZES[1]);
  }
});
