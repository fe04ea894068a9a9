import { createServer, type Server } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { debianChromium, SCREENS_DIR } from '../../test-support/web/chromium';
import { getCredentials } from '../../test-support/web/credential-client';
import { devWebForDescribe } from '../../test-support/web/dev-web';
import { nav } from '../../test-support/web/nav';

/** Token, TLS and port changes made in the window, checked against the real credential server. */
test.use({ ...debianChromium, permissions: ['clipboard-read', 'clipboard-write'] });
async function serverUrl(page: Page): Promise<string> {
  await nav(page, /^Server/);
  return (await page.getByTestId('server-url').textContent())!;
}

test.describe('token, TLS, port and settings in the window', () => {
  // One app for the story: each test starts from where the one before left it.
  test.describe.configure({ mode: 'serial' });
  const app = devWebForDescribe();

  test('a generated token is required by the credential server', async ({ page }) => {
    await page.goto(app().url);
    await nav(page, /^Security/);
    // No token: anyone on this machine may ask (the named-slot list answers 200).
    expect((await getCredentials(`${app().credentialServerUrl}slot`)).status).toBe(200);

    await page.getByRole('switch', { name: 'Require a bearer token' }).click();
    await expect(page.getByText('Token generated: clients now need it')).toBeVisible();
    await expect(page.getByTestId('token-state')).toHaveText('on');
    expect((await getCredentials(`${app().credentialServerUrl}slot`)).status).toBe(403);

    await page.getByRole('button', { name: 'Show token' }).click();
    const token = await page.getByTestId('token-value').inputValue();
    expect(token.length).toBeGreaterThanOrEqual(43);
    expect((await getCredentials(`${app().credentialServerUrl}slot`, token)).status).toBe(200);
    expect((await getCredentials(`${app().credentialServerUrl}slot`, `Bearer ${token}`)).status).toBe(200);
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await page.getByRole('button', { name: 'Hide token' }).click();
    await expect(page.getByTestId('token-value')).toHaveCount(0);

    // Rotating retires the old token.
    await page.getByRole('button', { name: 'Rotate' }).click();
    await expect(page.getByText('Token rotated: clients need the new one')).toBeVisible();
    expect((await getCredentials(`${app().credentialServerUrl}slot`, token)).status).toBe(403);

    // The default-slot lines now carry the token variable.
    await nav(page, /^Server/);
    await expect(page.getByTestId('env-default')).toContainText('AWS_CONTAINER_AUTHORIZATION_TOKEN');
  });

  test('a bad PEM shows its message and changes nothing', async ({ page }) => {
    await page.goto(app().url);
    const before = await serverUrl(page);
    await nav(page, /^Security/);
    await expect(page.getByTestId('tls-state')).toHaveText('no certificate');
    await page.getByText('Use my own certificate').click();
    await page.getByLabel('Certificate (PEM)').fill('-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n');
    await page.getByLabel('Private key (PEM)').fill('-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n');
    await page.getByRole('button', { name: 'Save certificate and key' }).click();
    await expect(page.getByRole('alert')).toHaveText('The certificate is not a PEM X.509 certificate (BEGIN CERTIFICATE)');
    await expect(page.getByTestId('tls-state')).toHaveText('no certificate');
    // The pasted text stays, so the person can fix it.
    await expect(page.getByLabel('Private key (PEM)')).not.toHaveValue('');
    await page.screenshot({ path: `${SCREENS_DIR}/security-bad-pem.png`, fullPage: true });
    expect(await serverUrl(page)).toBe(before);
  });

  test('generating a certificate switches the server to https', async ({ page }) => {
    await page.goto(app().url);
    expect(await serverUrl(page)).toMatch(/^http:\/\//);
    await nav(page, /^Security/);
    await page.getByRole('button', { name: 'Generate a local certificate' }).click();
    await expect(page.getByTestId('tls-state')).toHaveText('on');
    await expect(page.getByTestId('tls-info')).toContainText('127.0.0.1');
    await expect(page.getByText(/boto3 issue 4188/)).toBeVisible();

    await page.getByRole('button', { name: 'Export CA' }).click();
    await expect(page.getByTestId('ca-pem')).toContainText('-----BEGIN CERTIFICATE-----');
    await page.screenshot({ path: `${SCREENS_DIR}/security.png`, fullPage: true });

    const https = await serverUrl(page);
    expect(https).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await getCredentials(`${https}healthcheck`)).status).toBe(200);
    await expect(page.getByTestId('env-default')).toContainText('AWS_CA_BUNDLE');

    // Turning https off serves http again and keeps the certificate.
    await nav(page, /^Security/);
    await page.getByRole('switch', { name: 'Serve https' }).click();
    await expect(page.getByTestId('tls-state')).toHaveText('off (certificate kept)');
    expect(await serverUrl(page)).toMatch(/^http:\/\//);
  });

  test('a port in use shows the message and the server keeps its port', async ({ page }) => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const busyPort = (blocker.address() as { port: number }).port;
    try {
      await page.goto(app().url);
      const before = await serverUrl(page);
      await page.getByLabel('Port').fill(String(busyPort));
      await page.getByRole('button', { name: 'Apply' }).click();
      const message = page.getByRole('alert').filter({ hasText: String(busyPort) }).first();
      await expect(message).toHaveText(new RegExp(`^Port ${busyPort} on 127\\.0\\.0\\.1 is already in use \\(another RoleTray or credential server\\?\\)\\. Stop it, or choose another port`));
      await page.screenshot({ path: `${SCREENS_DIR}/server-port-in-use.png`, fullPage: true });
      expect(await page.getByTestId('server-url').textContent()).toBe(before);
      expect((await getCredentials(`${before}healthcheck`)).status).toBe(200);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  test('settings: profile-name preview, theme', async ({ page }) => {
    await page.goto(app().url);
    await nav(page, /^Settings/);
    const format = page.getByLabel('Format');
    await format.fill('{accountName}/{roleName}');
    await expect(page.getByTestId('format-preview')).toHaveText('Payments Production-AdministratorAccess');
    await format.fill('{roleName}');
    await expect(page.getByText(/Cannot use this format: the format must name the account/)).toBeVisible();
    await expect(page.getByRole('form', { name: 'Profile names' }).getByRole('button', { name: 'Save' })).toBeDisabled();
    await format.fill('{accountId}:{roleName}');
    await page.getByLabel('Theme').selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.screenshot({ path: `${SCREENS_DIR}/settings-dark.png`, fullPage: true });
    await page.getByLabel('Theme').selectOption('system');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');
  });
});
