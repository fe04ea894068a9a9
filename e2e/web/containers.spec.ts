import { expect, test } from '@playwright/test';
import { debianChromium, SCREENS_DIR } from '../../test-support/web/chromium';
import { devWebForDescribe } from '../../test-support/web/dev-web';
import { nav } from '../../test-support/web/nav';

/** Container access from the window: only with TLS and a token, on the address the person gives. */
test.use({ ...debianChromium, permissions: ['clipboard-read', 'clipboard-write'] });

test.describe('container access', () => {
  const app = devWebForDescribe();

  test('containers get a second address and their own env lines, once TLS and the token are on', async ({ page }) => {
    await page.goto(app().url);
    await nav(page, /^Server/);
    const panel = page.locator('.card', { has: page.getByRole('heading', { name: 'Containers' }) });
    await panel.getByLabel('Bridge address').fill('127.0.0.2');
    await panel.getByRole('button', { name: 'Save' }).click();
    await expect(panel.getByText('Containers use 127.0.0.2')).toBeVisible();
    await panel.getByRole('switch', { name: 'Allow containers' }).click();
    await expect(panel.getByText('waiting for TLS and a token')).toBeVisible();
    await expect(panel.getByRole('button', { name: 'Copy container env' })).toBeDisabled();

    expect(await app().op('generateTls')).toMatchObject({ ok: true });
    expect(await app().op('generateToken')).toMatchObject({ ok: true });
    await expect(panel.getByText('listening on 127.0.0.2')).toBeVisible();
    await panel.getByRole('button', { name: 'Copy container env' }).click();
    const lines = panel.getByLabel('Container lines');
    const port = new URL(app().credentialServerUrl).port;
    await expect(lines).toContainText(`export AWS_CONTAINER_CREDENTIALS_FULL_URI='https://host.docker.internal:${port}/'`);
    await expect(lines).toContainText('export AWS_CA_BUNDLE=');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('AWS_CONTAINER_AUTHORIZATION_TOKEN');
    await page.screenshot({ path: `${SCREENS_DIR}/server-containers.png`, fullPage: true });

    // Turning the token off takes the address away at once.
    expect(await app().op('deleteToken')).toMatchObject({ ok: true });
    await expect(panel.getByText('waiting for TLS and a token')).toBeVisible();
  });
});
