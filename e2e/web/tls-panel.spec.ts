import { expect, test } from '@playwright/test';
import { debianChromium, SCREENS_DIR } from '../../test-support/web/chromium';
import { startDevWeb, type DevWeb } from '../../test-support/web/dev-web';
import { nav } from '../../test-support/web/nav';

/**
 * The Security screen against the real core: its fields line up, a saved certificate is replaced
 * or deleted only once the person confirms, and the TLS note names the clients that trust a local
 * CA as e2e/tls-client-trust.test.ts measures them.
 */
test.use(debianChromium);

let app: DevWeb;
test.beforeAll(async () => {
  app = await startDevWeb();
});
test.afterAll(async () => {
  await app?.stop();
});

test('the token fields start at the same place', async ({ page }) => {
  await page.goto(app.url);
  await nav(page, /^Security/);
  const own = (await page.getByLabel('Use my own token').boundingBox())!;
  const file = (await page.getByLabel('Token file').boundingBox())!;
  expect(Math.abs(own.x - file.x)).toBeLessThan(1);
});

test('Generate says Replace… once a certificate exists, and replacing or deleting it asks first', async ({ page }) => {
  await page.goto(app.url);
  await nav(page, /^Security/);
  const fingerprint = page.getByTestId('tls-info').locator('dd').last();
  await page.getByRole('button', { name: 'Generate a local certificate' }).click();
  await expect(page.getByTestId('tls-state')).toHaveText('on');
  const first = await fingerprint.textContent();
  await expect(page.getByRole('button', { name: 'Generate a local certificate' })).toHaveCount(0);

  const replace = page.getByRole('button', { name: 'Replace with a new local certificate…' });
  await replace.click();
  const ask = page.getByRole('group', { name: 'Replace the certificate?' });
  await expect(ask).toContainText('Clients that trust the current CA must be given the new one.');
  await ask.getByRole('button', { name: 'Keep it' }).click();
  await expect(replace).toBeFocused();
  await expect(fingerprint).toHaveText(first!);

  await replace.click();
  await ask.getByRole('button', { name: 'Replace' }).click();
  await expect(page.getByText('Generated a new local certificate; export the CA again for your clients')).toBeVisible();
  await expect(fingerprint).not.toHaveText(first!);

  await page.getByRole('button', { name: 'Delete certificate' }).click();
  const del = page.getByRole('group', { name: 'Delete the certificate?' });
  await page.keyboard.press('Escape');
  await expect(del).toHaveCount(0);
  await expect(page.getByTestId('tls-state')).toHaveText('on');
  await page.getByRole('button', { name: 'Delete certificate' }).click();
  await del.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('tls-state')).toHaveText('no certificate');
  await expect(page.getByRole('button', { name: 'Generate a local certificate' })).toBeVisible();
});

test('the TLS note says which clients trust a local CA, as measured', async ({ page }) => {
  await page.goto(app.url);
  await nav(page, /^Security/);
  const note = page.getByRole('switch', { name: 'Serve https' });
  const described = await note.getAttribute('aria-describedby');
  const text = (await page.locator(`#${described}`).textContent())!;
  expect(text).toContain('the AWS SDK for JavaScript (with NODE_EXTRA_CA_CERTS) and the AWS SDK for Go v1 (with AWS_CA_BUNDLE)');
  expect(text).toContain('The AWS CLI v2 and Python clients (boto3, botocore; boto3 issue 4188) refuse it even with AWS_CA_BUNDLE');
  expect(text).toContain('the Go SDK v2 trusts it only through SSL_CERT_FILE');
  await page.screenshot({ path: `${SCREENS_DIR}/security-note.png`, fullPage: true });
});
