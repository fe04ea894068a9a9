import { createServer, type Server } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { debianChromium } from '../../test-support/web/chromium';
import { getCredentials } from '../../test-support/web/credential-client';
import { devWebForDescribe } from '../../test-support/web/dev-web';
import { installFakeRoleTray } from '../../test-support/web/fake-roletray';
import { envLineWraps, layoutProblems } from '../../test-support/web/layout-check';
import { nav } from '../../test-support/web/nav';
import { serveBuiltRenderer } from '../../test-support/web/protocol-served-renderer';

/**
 * The Port field against the real core: a bad port gets our message (not the browser's), a port
 * in use is explained at the field and goes away once the server listens on a port that works,
 * and the shell lines wrap only between words.
 */
test.use(debianChromium);
test.describe.configure({ mode: 'serial' });

const app = devWebForDescribe();

const needsAttention = (page: Page) => page.getByRole('navigation', { name: 'Sections' }).getByLabel('needs attention');

test('a bad port gets our message at the field, and nothing changes', async ({ page }) => {
  await page.goto(app().url);
  await nav(page, /^Server/);
  const before = await page.getByTestId('server-url').textContent();
  const field = page.getByLabel('Port', { exact: true });
  for (const bad of ['80a', '70000', '0']) {
    await field.fill(bad);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByRole('alert')).toHaveText('The port must be a whole number from 1 to 65535.');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toBeFocused();
    // The browser's own check never runs, so its "Please match the requested format" never shows.
    expect(await field.evaluate((el: HTMLInputElement) => el.validationMessage)).toBe('');
  }
  await expect(page.getByTestId('server-url')).toHaveText(before!);
  await field.fill(new URL(before!).port);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a port in use is explained at the Port field, and the error clears once the server listens on another', async ({ page }) => {
  const blocker: Server = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const busy = (blocker.address() as { port: number }).port;
  const free: Server = createServer();
  await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
  const next = (free.address() as { port: number }).port;
  await new Promise((resolve) => free.close(resolve));
  try {
    await page.goto(app().url);
    await nav(page, /^Server/);
    const before = (await page.getByTestId('server-url').textContent())!;
    const field = page.getByLabel('Port', { exact: true });
    await field.fill(String(busy));
    await page.getByRole('button', { name: 'Apply' }).click();
    const message = page.getByRole('alert');
    await expect(message).toContainText(`Port ${busy} on 127.0.0.1 is already in use`);
    await expect(field).toHaveAttribute('aria-describedby', 'port-error');
    await expect(field).toBeFocused();
    // The old port still serves: nothing in the navigation turns red for a change that did not happen.
    await expect(page.getByTestId('server-url')).toHaveText(before);
    await expect(needsAttention(page)).toHaveCount(0);
    expect((await getCredentials(`${before}healthcheck`)).status).toBe(200);

    await field.fill(String(next));
    await expect(message).toHaveCount(0);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByText(`Port set to ${next}`)).toBeVisible();
    await expect(page.getByTestId('server-url')).toHaveText(`${new URL(before).protocol}//127.0.0.1:${next}/`);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(needsAttention(page)).toHaveCount(0);
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});

test('the shell lines wrap between words only, at 720×480', async ({ page }) => {
  // A token and a CA make the long lines.
  expect(await app().op('generateToken')).toMatchObject({ ok: true });
  expect(await app().op('generateTls')).toMatchObject({ ok: true });
  await page.setViewportSize({ width: 720, height: 480 });
  await page.goto(app().url);
  await nav(page, /^Server/);
  const lines = page.getByTestId('env-default');
  await expect(lines).toContainText('NODE_EXTRA_CA_CERTS');
  await expect(lines).toContainText('AWS_CONTAINER_CREDENTIALS_FULL_URI');
  expect(await envLineWraps(page), 'at this width the long lines wrap').toBeGreaterThan(0);
  expect((await layoutProblems(page)).filter((p) => p.includes('wraps inside a word')), 'every wrap falls after a space or NAME=').toEqual([]);
  // What a person selects and copies is the lines, one per line, unchanged.
  expect((await lines.innerText()).split('\n').filter(Boolean).every((l) => !l.startsWith(' '))).toBe(true);
});

test('a server that is not listening: red in the navigation, the reason at the Port field, Retry clears both', async ({ page }) => {
  const site = await serveBuiltRenderer();
  try {
    await page.addInitScript(installFakeRoleTray, {
      roleCount: 3,
      now: Date.now(),
      serverDown: 'Port 4144 on 127.0.0.1 is already in use (another RoleTray or credential server?). Stop it, or choose another port under Server › Port.',
    });
    await page.goto(`${site.origin}/index.html#server`);
    await expect(needsAttention(page)).toHaveCount(1);
    await expect(page.getByTestId('server-status')).toContainText('Not serving');
    await expect(page.getByRole('alert')).toContainText('Port 4144 on 127.0.0.1 is already in use');
    await expect(page.getByLabel('Port', { exact: true })).toHaveAttribute('aria-describedby', 'port-error');
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByText('Serving again on port 4144')).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(needsAttention(page)).toHaveCount(0);
    await expect(page.getByTestId('server-url')).toHaveText('http://127.0.0.1:4144/');
  } finally {
    await site.close();
  }
});
