import type { RoleView as Role } from '../../preload/api';
import { expect, test } from '@playwright/test';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { debianChromium } from '../../test-support/web/chromium';
import { startDevWeb, type DevWeb } from '../../test-support/web/dev-web';
import { nav } from '../../test-support/web/nav';

/**
 * The window's part of issue 16 against the real core: Server › AWS profiles writes the block
 * into the AWS config file (a hand-written profile left alone), Server › Check the environment
 * reports what the desktop's environment gets wrong, Settings › Role switches and Default
 * regions change what programs get, and the default slot says how soon programs follow.
 */
test.use(debianChromium);


const home = mkdtempSync(join(tmpdir(), 'roletray-web-home-'));
const configFile = join(home, '.aws', 'config');
const cli = join(home, 'bin', 'roletray');
let app: DevWeb;
let roles: Role[] = [];

test.beforeAll(async () => {
  mkdirSync(join(home, 'bin'), { recursive: true });
  writeFileSync(cli, `#!/bin/sh\nexec '${process.execPath}' '${resolve('dist/cli.cjs')}' "$@"\n`);
  chmodSync(cli, 0o755);
  // The environment programs started from this "desktop" inherit: keys that win over RoleTray.
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'example' };
  delete env.AWS_CONFIG_FILE;
  delete env.AWS_SHARED_CREDENTIALS_FILE;
  app = await startDevWeb(['--accounts', '2', '--roles', '2', '--aws-config', configFile, '--cli-command', cli], env);
  roles = await app.signInForRoles();
  expect(roles).toHaveLength(4);
});
test.afterAll(async () => {
  await app?.stop();
});

test('AWS profiles: a preview, then the block written, a hand-written profile of the same name left alone', async ({ page }) => {
  mkdirSync(join(home, '.aws'), { recursive: true });
  const handWritten = `# mine\n[profile ${roles[0]!.profileName}]\nregion = ap-south-1\n`;
  writeFileSync(configFile, handWritten);
  await page.goto(app.url);
  await nav(page, /^Server/);
  const panel = page.locator('.card', { has: page.getByRole('heading', { name: 'AWS profiles' }) });
  await panel.getByRole('button', { name: 'Preview' }).click();
  await expect(panel.getByText(`${configFile} would get: 3 added, 0 updated, 0 removed`)).toBeVisible();
  await expect(panel.getByLabel('Profiles change')).toContainText(`+[profile ${roles[1]!.profileName}]`);
  expect(readFileSync(configFile, 'utf8')).toBe(handWritten);

  await panel.getByRole('button', { name: 'Write AWS profiles' }).click();
  await expect(panel.getByText(`Wrote ${configFile}: 3 added, 0 updated, 0 removed`)).toBeVisible();
  await expect(panel.getByTestId('profiles-collisions')).toContainText(roles[0]!.profileName);
  const text = readFileSync(configFile, 'utf8');
  expect(text.startsWith(`${handWritten}# BEGIN ROLETRAY\n`)).toBe(true);
  expect(text).toContain(`[profile ${roles[1]!.profileName}]\ncredential_process = ${cli} credential-process --profile ${roles[1]!.profileName} --config-dir ${app.configDir}\n`);
});

test('Check the environment: the keys in the desktop\'s environment, with their fix', async ({ page }) => {
  await page.goto(app.url);
  await nav(page, /^Server/);
  const panel = page.locator('.card', { has: page.getByRole('heading', { name: 'Check the environment' }) });
  await panel.getByRole('button', { name: 'Check' }).click();
  const found = panel.getByRole('list', { name: 'Problems found' });
  await expect(found).toContainText('AWS_ACCESS_KEY_ID is set: every SDK and the AWS CLI use these keys before RoleTray\'s credentials.');
  await expect(found).toContainText('Fix: unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY');
  await expect(panel.getByText(/\d+ problems? found/)).toBeVisible();
});

test('role switches and default regions: chosen in Settings, shown on the default slot, carried by its lines', async ({ page }) => {
  expect(await app.op('loadRole', { roleKey: roles[2]!.key })).toMatchObject({ ok: true });
  await page.goto(app.url);
  await nav(page, /^Slots/);
  const slot = page.getByRole('article', { name: 'Default slot' });
  await expect(slot).toContainText('Running programs switch within 5 min');

  await nav(page, /^Settings/);
  await page.getByLabel('Programs that are running follow a switch of the default slot within').selectOption('1');
  await expect(page.getByText('Running programs switch within 1 min')).toBeVisible();
  const regions = page.locator('.card', { has: page.getByRole('heading', { name: 'Default regions' }) });
  await regions.getByLabel('Account id').fill('12345');
  await regions.getByLabel('Region', { exact: true }).fill('eu-west-2');
  await regions.getByRole('button', { name: 'Add' }).click();
  await expect(regions.getByRole('alert')).toHaveText('the account must be a 12-digit account id');
  await regions.getByLabel('Account id').fill(roles[2]!.accountId);
  await regions.getByRole('button', { name: 'Add' }).click();
  await expect(regions.getByRole('list', { name: 'Regions set' })).toContainText(`Account ${roles[2]!.accountId}: eu-west-2`);

  await nav(page, /^Slots/);
  await expect(slot).toContainText('Running programs switch within 1 min');
  await expect(slot).toContainText('eu-west-2');
  const lines = await app.op<string[]>('envLines', { shell: 'sh' });
  expect(lines.ok && lines.value).toEqual(expect.arrayContaining(["export AWS_REGION='eu-west-2'"]));

  await nav(page, /^Settings/);
  await page.getByLabel('Programs that are running follow a switch of the default slot within').selectOption('off');
  await nav(page, /^Slots/);
  await expect(slot).not.toContainText('Running programs switch');
});
