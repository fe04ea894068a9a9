import { expect, test } from '@playwright/test';
import { debianChromium } from '../../test-support/web/chromium';
import { installFakeRoleTray } from '../../test-support/web/fake-roletray';
import { serveThroughRendererProtocol } from '../../test-support/web/protocol-served-renderer';
import { ensureRendererBuilt, RENDERER_DIR } from '../../test-support/web/renderer-build';

/**
 * The tray opens the window on a screen by loading the page with a fragment: "Change port…" when
 * the port is taken loads index.html#server (where the Port field is), on a fresh window or on one
 * already open.
 */
test.use(debianChromium);

test('a fragment opens its screen, on load and on an open window', async ({ page }) => {
  ensureRendererBuilt();
  const site = await serveThroughRendererProtocol(RENDERER_DIR);
  try {
    await page.addInitScript(installFakeRoleTray, { roleCount: 3, now: Date.now() });
    await page.goto(`${site.origin}/index.html#server`);
    await expect(page.getByRole('heading', { level: 1, name: 'Server' })).toBeVisible();
    await expect(page.getByLabel('Port', { exact: true })).toBeVisible();

    await page.goto(`${site.origin}/index.html`);
    await expect(page.getByRole('heading', { level: 1, name: 'Roles' })).toBeVisible();
    // As Electron's loadURL does for a fragment of the page already shown: no reload, a hashchange.
    await page.evaluate(() => (window.location.hash = '#settings'));
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await page.evaluate(() => (window.location.hash = '#no-such-screen'));
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  } finally {
    await site.close();
  }
});
