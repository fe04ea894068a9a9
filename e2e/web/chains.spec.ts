import type { AppState, RoleView as Role } from '../../preload/api';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { debianChromium, SCREENS_DIR } from '../../test-support/web/chromium';
import { getCredentials } from '../../test-support/web/credential-client';
import { startDevWeb, type DevWeb } from '../../test-support/web/dev-web';
import { layoutProblems } from '../../test-support/web/layout-check';
import { nav } from '../../test-support/web/nav';

/**
 * "Assume a role from this one…" against the real core, the IAM Identity Center stand-in and the
 * STS stand-in: bad input refused by the field with nothing sent, STS's refusal shown with the
 * input kept, then a chained role served, listed as a chain, pinned to the tray and unpinned, loaded
 * again and removed (leaving the tray's lists); chains
 * read from ~/.aws/config listed read-only with their problem.
 */
test.use(debianChromium);
test.describe.configure({ mode: 'serial' });


let app: DevWeb;
let roles: Role[] = [];
test.beforeAll(async () => {
  const home = mkdtempSync(join(tmpdir(), 'roletray-chains-spec-'));
  const awsConfig = join(home, 'config');
  // Read-only chains: one whose source is nowhere, one that loops.
  writeFileSync(
    awsConfig,
    [
      '[profile orphan]',
      'role_arn = arn:aws:iam::222222222222:role/Deploy',
      'source_profile = nowhere',
      '',
      '[profile loop-a]',
      'role_arn = arn:aws:iam::222222222222:role/Deploy',
      'source_profile = loop-b',
      '',
      '[profile loop-b]',
      'role_arn = arn:aws:iam::222222222222:role/Deploy',
      'source_profile = loop-a',
      '',
    ].join('\n'),
  );
  app = await startDevWeb(['--accounts', '20', '--aws-config', awsConfig]);
  roles = await app.signInForRoles();
  expect(roles).toHaveLength(60);
});
test.afterAll(async () => {
  await app?.stop();
});

/** The Roles screen with `role` selected, and its "Assume a role from this one…" dialog open. */
async function assumeFrom(page: Page, role: Role) {
  await page.goto(app.url);
  const search = page.getByRole('combobox', { name: 'Search roles' });
  await search.fill(role.profileName);
  await expect(page.getByRole('option').first()).toContainText(role.accountId);
  await page.getByRole('button', { name: 'Assume a role from this one…' }).click();
  const dialog = page.getByRole('dialog', { name: `Assume a role from ${role.profileName}` });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function slotCount(): Promise<number> {
  const state = await app.op<{ slots: unknown[] }>('getState');
  return state.ok ? state.value.slots.length : -1;
}

test('bad input is refused by its field, in the window\'s words, with everything typed kept and nothing loaded', async ({ page }) => {
  const dialog = await assumeFrom(page, roles[0]!);
  const arn = dialog.getByLabel('Role ARN');
  await expect(arn).toBeFocused();
  await expect(dialog.getByLabel('Save as a chain')).toBeChecked();

  await dialog.getByRole('button', { name: 'Assume and load' }).click();
  await expect(dialog.locator('#assume-roleArn-error')).toHaveText('Enter the ARN of the role to assume, such as arn:aws:iam::123456789012:role/Deploy');
  await expect(arn).toBeFocused();

  await arn.fill('arn:aws:iam::2222:role/Deploy');
  await dialog.getByLabel('External ID (optional)').fill('x');
  await dialog.getByLabel('Duration in seconds (optional)').fill('7200');
  await dialog.getByLabel('MFA serial (optional)').fill('arn:aws:iam::1:mfa/me');
  await dialog.getByLabel('Session name (optional)').fill('has space');
  await dialog.getByLabel('Region (optional)').fill('mars');
  await dialog.getByRole('button', { name: 'Assume and load' }).click();
  await expect(dialog.locator('#assume-roleArn-error')).toHaveText(
    "This is not a role ARN: it reads like arn:aws:iam::123456789012:role/Deploy (partition aws, aws-cn or aws-us-gov, a 12-digit account, then role/ and the role's name)",
  );
  await expect(dialog.locator('#assume-externalId-error')).toHaveText('The external ID must be 2 to 1224 letters, digits or any of _+=,.@:/-');
  await expect(dialog.locator('#assume-durationSeconds-error')).toHaveText(
    'The duration must be a whole number from 900 to 3600 (the source is itself a role, and AWS caps a chained role session at one hour)',
  );
  await expect(dialog.locator('#assume-mfaSerial-error')).toHaveText('The MFA serial is not an MFA device ARN such as arn:aws:iam::123456789012:mfa/alice');
  await expect(dialog.locator('#assume-roleSessionName-error')).toHaveText('The session name must be 2 to 64 letters, digits or any of _+=,.@-');
  await expect(dialog.locator('#assume-region-error')).toHaveText('The region must be an AWS region such as us-east-1');
  await expect(arn).toHaveValue('arn:aws:iam::2222:role/Deploy');
  await expect(arn).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByLabel('Duration in seconds (optional)')).toHaveValue('7200');
  await expect(arn).toBeFocused();
  await page.setViewportSize({ width: 720, height: 480 });
  expect(await layoutProblems(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENS_DIR}/assume-bad-input-720.png` });

  // An external id over STS's 1224 characters says how long it is.
  await dialog.getByLabel('External ID (optional)').fill('e'.repeat(1300));
  await dialog.getByRole('button', { name: 'Assume and load' }).click();
  await expect(dialog.locator('#assume-externalId-error')).toHaveText('The external ID is 1300 characters long; STS takes at most 1224');
  // Cancel leaves the picker as it was.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  expect(await slotCount()).toBe(0);
});

test('STS refuses without the external id: its reason shown, the input kept; with it, the chained role is served and kept as a chain', async ({ page }) => {
  const source = roles[1]!;
  const dialog = await assumeFrom(page, source);
  const { arn, externalId } = app.sts.partnerRole;
  await dialog.getByLabel('Role ARN').fill(arn);
  await expect(dialog.getByLabel('Profile name')).toHaveAttribute('placeholder', 'Partner');
  await dialog.getByLabel('Profile name').fill('partner');
  await dialog.getByRole('button', { name: 'Assume and load' }).click();
  const refused = dialog.getByRole('alert');
  await expect(refused).toContainText('AccessDenied');
  await expect(refused).toContainText(arn);
  await expect(dialog.getByLabel('Role ARN')).toHaveValue(arn);
  await expect(dialog.getByLabel('Profile name')).toHaveValue('partner');
  expect(await slotCount()).toBe(0);

  await dialog.getByLabel('External ID (optional)').fill(externalId);
  await dialog.getByRole('button', { name: 'Assume and load' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText(`Assumed ${arn} from ${source.profileName}: loaded partner into the default slot, and kept it as a chain`)).toBeVisible();

  // Served at the default slot, as the chained role.
  const served = await getCredentials(app.credentialServerUrl);
  expect(served.status).toBe(200);
  expect((served.body as { AccessKeyId: string }).AccessKeyId).toMatch(/^ASIA/);

  await nav(page, /^Slots/);
  const card = page.getByRole('article', { name: 'Default slot' });
  await expect(card.getByTestId('slot-source')).toHaveText('A chained role (sts:AssumeRole)');
  const steps = card.getByTestId('slot-chain').getByRole('listitem');
  await expect(steps).toHaveCount(2);
  await expect(steps.first()).toContainText(source.profileName);
  await expect(steps.last()).toContainText(arn);
  await expect(card.getByText('auto-refresh')).toBeVisible();
  await page.screenshot({ path: `${SCREENS_DIR}/slots-chained.png`, fullPage: true });
});

test('the chain is first among the tray\'s recents; Pin puts it in the tray\'s Pinned list, shown on the chain until Unpin, in a page loaded anew', async ({ page }) => {
  const history = async () => {
    const state = await app.op<AppState>('getState');
    if (!state.ok) throw new Error(state.error);
    return state.value.history;
  };
  expect((await history()).recents[0]).toEqual({ kind: 'chain', profileName: 'partner', roleArn: app.sts.partnerRole.arn, via: roles[1]!.profileName });
  await page.goto(app.url);
  await nav(page, /^Chains/);
  const chain = page.getByRole('article', { name: 'Chain partner' });
  await expect(chain.getByText('Pinned', { exact: true })).toHaveCount(0);
  await chain.getByRole('button', { name: 'Pin partner to the tray' }).click();
  await expect(chain.getByText('Pinned partner to the tray')).toBeVisible();
  await expect(chain.getByText('Pinned', { exact: true })).toBeVisible();
  await expect(chain.getByRole('button', { name: 'Unpin partner from the tray' })).toHaveAttribute('aria-pressed', 'true');
  expect((await history()).pinned).toEqual([{ kind: 'chain', profileName: 'partner', roleArn: app.sts.partnerRole.arn, via: roles[1]!.profileName }]);

  // The core keeps it, not the page: a page loaded anew shows it.
  await page.goto('about:blank');
  await page.goto(app.url);
  await nav(page, /^Chains/);
  await expect(chain.getByRole('button', { name: 'Unpin partner from the tray' })).toBeVisible();
  await page.screenshot({ path: `${SCREENS_DIR}/chains-pinned.png`, fullPage: true });
  await page.setViewportSize({ width: 720, height: 480 });
  expect(await layoutProblems(page)).toEqual([]);
  await chain.getByRole('button', { name: 'Unpin partner from the tray' }).click();
  await expect(chain.getByText('Unpinned partner from the tray')).toBeVisible();
  await expect(chain.getByRole('button', { name: 'Pin partner to the tray' })).toHaveAttribute('aria-pressed', 'false');
  await expect(chain.getByText('Pinned', { exact: true })).toHaveCount(0);
  expect((await history()).pinned).toEqual([]);
  // Pinned again for the next test, which removes the chain.
  await chain.getByRole('button', { name: 'Pin partner to the tray' }).click();
  await expect(chain.getByText('Pinned', { exact: true })).toBeVisible();
});

test('the chain is listed with its role and source; it loads again into its own slot, and is removed after asking', async ({ page }) => {
  await page.goto(app.url);
  await nav(page, /^Chains/);
  const chain = page.getByRole('article', { name: 'Chain partner' });
  await expect(chain.getByTestId('chain-role')).toContainText(`${app.sts.partnerRole.arn} from ${roles[1]!.profileName}`);
  await expect(chain.getByTestId('chain-role')).toContainText(`external ID ${app.sts.partnerRole.externalId}`);
  await chain.getByRole('button', { name: 'Load partner into its own slot' }).click();
  await expect(chain.getByText('Loaded partner into slot “partner”')).toBeVisible();
  expect((await getCredentials(`${app.credentialServerUrl}slot/partner`)).status).toBe(200);
  await page.screenshot({ path: `${SCREENS_DIR}/chains.png`, fullPage: true });

  await chain.getByRole('button', { name: 'Remove' }).click();
  const ask = chain.getByRole('group', { name: 'Remove partner?' });
  await expect(ask).toContainText('Remove the chain partner? A slot loaded from it stays until it expires.');
  await ask.getByRole('button', { name: 'Keep it' }).click();
  await expect(chain).toBeVisible();
  await chain.getByRole('button', { name: 'Remove' }).click();
  await ask.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByRole('article', { name: 'Chain partner' })).toHaveCount(0);
  await expect(page.getByText('None saved yet.')).toBeVisible();
  // Removed, it is no longer offered in the tray's lists.
  const state = await app.op<AppState>('getState');
  expect(state.ok && [...state.value.history.recents, ...state.value.history.pinned].filter((e) => e.profileName === 'partner')).toEqual([]);
});

test('chains from ~/.aws/config are read-only: their problem shown, no Load, no Remove', async ({ page }) => {
  await page.goto(app.url);
  await nav(page, /^Chains/);
  const fromConfig = page.getByRole('list', { name: 'Chains from ~/.aws/config' });
  const orphan = fromConfig.getByRole('article', { name: 'Chain orphan' });
  await expect(orphan.getByTestId('chain-problem')).toContainText('nowhere');
  await expect(orphan.getByRole('button', { name: 'Load orphan', exact: true })).toBeDisabled();
  await expect(orphan.getByRole('button', { name: 'Remove' })).toHaveCount(0);
  const loop = fromConfig.getByRole('article', { name: 'Chain loop-a' });
  await expect(loop.getByTestId('chain-problem')).toContainText('loop-b');
  await page.setViewportSize({ width: 720, height: 480 });
  expect(await layoutProblems(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENS_DIR}/chains-aws-config-720.png`, fullPage: true });
});
