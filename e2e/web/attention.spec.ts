import { expect, test } from '@playwright/test';
import { debianChromium, SCREENS_DIR } from '../../test-support/web/chromium';
import { installFakeRoleTray } from '../../test-support/web/fake-roletray';
import { serveBuiltRenderer } from '../../test-support/web/protocol-served-renderer';

/**
 * States the real stand-in reaches only after minutes: credentials nearly expired, a refresh
 * retrying, a session that needs sign-in, notices. An in-page window.roletray sets the scene.
 */
test.use(debianChromium);

test('slots near expiry turn amber and red; notices are dismissible', async ({ page }) => {
  const site = await serveBuiltRenderer();
  try {
    await page.addInitScript(installFakeRoleTray, { roleCount: 40, now: Date.now(), attention: true });
    await page.goto(`${site.origin}/`);
    const notices = page.getByRole('region', { name: 'Notices' });
    await expect(notices.getByRole('alert')).toContainText('session ended');
    await expect(notices).toContainText('retrying in 30 s');

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: /^Slots/ }).click();
    const countdowns = page.getByTestId('countdown');
    await expect(countdowns).toHaveCount(3);
    await expect(countdowns.nth(0)).toHaveClass(/\bok\b/);
    await expect(page.locator('.countdown.soon')).toHaveCount(1);
    await expect(page.locator('.countdown.urgent')).toHaveCount(1);
    await expect(page.getByText('refresh failed, retrying')).toBeVisible();
    await expect(page.getByText('sign-in needed to refresh')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    await page.screenshot({ path: `${SCREENS_DIR}/slots-attention.png`, fullPage: true });

    await notices.getByRole('button', { name: /^Dismiss: The IAM Identity Center session ended/ }).click();
    await expect(notices.getByRole('alert')).toHaveCount(0);
    await expect(notices).toContainText('retrying in 30 s');
  } finally {
    await site.close();
  }
});
