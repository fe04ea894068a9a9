import { CreateAccessKeyCommand, DeleteAccessKeyCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { expect, test, type Page } from '@playwright/test';
import type { AppState } from '../../preload/api';
import { totpCode } from '../../test-support/totp';
import { debianChromium, SCREENS_DIR } from '../../test-support/web/chromium';
import { getCredentials } from '../../test-support/web/credential-client';
import { devWebForDescribe } from '../../test-support/web/dev-web';
import { layoutProblems } from '../../test-support/web/layout-check';
import { nav } from '../../test-support/web/nav';

/**
 * IAM users in the window against the real core and the STS stand-in: adding one (the secret
 * field emptied once sent, never shown again), bad input and a name already taken refused by
 * their fields, loading it with its MFA device (a short code, a wrong code, then the right one),
 * pinning it to the tray's Pinned list (it is first among the recents once loaded), a chain from its
 * cached session without a second code, a code answered from elsewhere, removing it,
 * rotating its key (asked first; IAM's refusal shown in place; the new key's hint once it is done).
 */
test.use(debianChromium);

test.describe('IAM users', () => {
  test.describe.configure({ mode: 'serial' });
  const app = devWebForDescribe();
  const user = () => app().sts.user;
  const hint = () => `${user().accessKeyId.slice(0, 4)}…${user().accessKeyId.slice(-4)}`;
  const mfaDialog = (page: Page) => page.getByRole('dialog', { name: 'MFA code for alice' });
  /** A code of the device that is not the one it shows now (nor in the step before or after). */
  const wrongCode = () => {
    const now = Date.now();
    const near = new Set([-30_000, 0, 30_000].map((d) => totpCode(user().mfaSecret, now + d)));
    for (let n = 0; ; n++) {
      const candidate = String(n).padStart(6, '0');
      if (!near.has(candidate)) return candidate;
    }
  };

  async function openScreen(page: Page) {
    await page.goto(app().url);
    await nav(page, /^Chains/);
    return page.getByRole('form', { name: 'Add an IAM user' });
  }

  test('bad input is refused by its field; adding one keeps the secret out of the page', async ({ page }) => {
    const form = await openScreen(page);
    const secret = form.getByLabel('Secret access key');
    await expect(secret).toHaveAttribute('type', 'password');
    await form.getByRole('button', { name: 'Add IAM user' }).click();
    await expect(form.locator('#iam-name-error')).toHaveText('Enter a name to load and chain this IAM user by, such as alice');
    await expect(form.locator('#iam-accessKeyId-error')).toHaveText('Enter the access key ID (it starts with AKIA)');
    await expect(form.locator('#iam-secretAccessKey-error')).toHaveText('Paste the secret access key that came with the access key ID');
    await expect(form.getByLabel('Name')).toBeFocused();

    await form.getByLabel('Name').fill('alice');
    await form.getByLabel('Access key ID').fill(user().accessKeyId);
    await secret.fill(user().secretAccessKey);
    await form.getByLabel('MFA serial (optional)').fill('abc');
    await form.getByRole('button', { name: 'Add IAM user' }).click();
    await expect(form.locator('#iam-mfaSerial-error')).toHaveText('The MFA serial is neither an MFA device ARN nor a hardware serial (9 to 256 letters, digits or _+=/:,.@-)');
    await expect(form.getByLabel('MFA serial (optional)')).toBeFocused();
    // Refused here, so nothing was sent: the secret is still there to fix the serial beside it.
    await expect(secret).toHaveValue(user().secretAccessKey);

    await form.getByLabel('MFA serial (optional)').fill(user().mfaSerial);
    await form.getByRole('button', { name: 'Add IAM user' }).click();
    await expect(form.getByText('Added the IAM user alice')).toBeVisible();
    await expect(secret).toHaveValue('');
    await expect(form.getByLabel('Name')).toHaveValue('');
    const item = page.getByRole('article', { name: 'IAM user alice' });
    await expect(item.getByTestId('access-key-hint')).toHaveText(hint());
    await expect(item).toContainText(user().mfaSerial);
    await expect(item.getByTestId('iam-session')).toHaveText('none cached');
    // The secret is in the secret store only: not in the page, not in the state the window gets.
    expect(await page.content()).not.toContain(user().secretAccessKey);
    expect(JSON.stringify(await app().op('getState'))).not.toContain(user().secretAccessKey);
    await page.setViewportSize({ width: 720, height: 480 });
    expect(await layoutProblems(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENS_DIR}/iam-users-720.png`, fullPage: true });
  });

  test('a name already taken is refused before the keys are sent', async ({ page }) => {
    const form = await openScreen(page);
    await form.getByLabel('Name').fill('alice');
    await form.getByLabel('Access key ID').fill('AKIAOTHERKEY00000001');
    await form.getByLabel('Secret access key').fill('another-secret');
    await form.getByRole('button', { name: 'Add IAM user' }).click();
    await expect(form.locator('#iam-name-error')).toHaveText('There is already an IAM user named alice: remove it first, or choose another name');
    await expect(form.getByLabel('Access key ID')).toHaveValue('AKIAOTHERKEY00000001');
    await expect(page.getByRole('article', { name: 'IAM user alice' }).getByTestId('access-key-hint')).toHaveText(hint());
  });

  test('loading it asks for its MFA code: a short code is refused, a wrong one fails the load, the right one loads it', async ({ page }) => {
    await openScreen(page);
    const item = page.getByRole('article', { name: 'IAM user alice' });
    await item.getByRole('button', { name: 'Load alice' }).click();
    const asked = mfaDialog(page);
    await expect(asked).toContainText(user().mfaSerial);
    const code = asked.getByLabel('6-digit code');
    await expect(code).toBeFocused();
    await code.fill('12345');
    await page.keyboard.press('Enter');
    await expect(asked.getByRole('alert')).toHaveText('An MFA code is the 6 digits your authenticator shows');
    await expect(code).toHaveValue('12345');

    await code.fill(wrongCode());
    await page.keyboard.press('Enter');
    // What STS answered stays in the dialog until it is closed; the load that asked says it too.
    await expect(asked.getByRole('alert')).toContainText('MultiFactorAuthentication failed with invalid MFA one time pass code');
    await expect(asked.getByLabel('6-digit code')).toHaveCount(0);
    await asked.getByRole('button', { name: 'Close' }).click();
    await expect(asked).toHaveCount(0);
    const failed = item.getByRole('alert');
    await expect(failed).toContainText('MultiFactorAuthentication failed with invalid MFA one time pass code');
    await expect(item.getByTestId('iam-session')).toHaveText('none cached');
    expect((await getCredentials(app().credentialServerUrl)).status).toBe(404);

    await item.getByRole('button', { name: 'Load alice' }).click();
    await mfaDialog(page).getByLabel('6-digit code').fill(totpCode(user().mfaSecret, Date.now()));
    await page.keyboard.press('Enter');
    await expect(item.getByText('Loaded alice into the default slot')).toBeVisible();
    await expect(item.getByTestId('iam-session')).toHaveText(/^cached until .+ \(\d+:\d\d:\d\d left\)$/);
    expect((await getCredentials(app().credentialServerUrl)).status).toBe(200);
    await nav(page, /^Slots/);
    await expect(page.getByRole('article', { name: 'Default slot' }).getByTestId('slot-source')).toHaveText('An IAM user (sts:GetSessionToken)');
  });

  test('loaded, it is first among the tray\'s recents; Pin puts it in the tray\'s Pinned list and shows it, Unpin takes it off', async ({ page }) => {
    const history = async () => {
      const state = await app().op<AppState>('getState');
      if (!state.ok) throw new Error(state.error);
      return state.value.history;
    };
    expect((await history()).recents[0]).toEqual({ kind: 'iam-user', profileName: 'alice', mfaSerial: user().mfaSerial });
    await openScreen(page);
    const item = page.getByRole('article', { name: 'IAM user alice' });
    await item.getByRole('button', { name: 'Pin alice to the tray' }).click();
    await expect(item.getByText('Pinned alice to the tray')).toBeVisible();
    await expect(item.getByText('Pinned', { exact: true })).toBeVisible();
    await expect(item.getByRole('button', { name: 'Unpin alice from the tray' })).toHaveAttribute('aria-pressed', 'true');
    expect((await history()).pinned).toEqual([{ kind: 'iam-user', profileName: 'alice', mfaSerial: user().mfaSerial }]);
    // Its widest row (the badges and five buttons) still fits the smallest window.
    await page.setViewportSize({ width: 720, height: 480 });
    expect(await layoutProblems(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENS_DIR}/iam-users-pinned-720.png`, fullPage: true });
    await item.getByRole('button', { name: 'Unpin alice from the tray' }).click();
    await expect(item.getByText('Unpinned alice from the tray')).toBeVisible();
    await expect(item.getByText('Pinned', { exact: true })).toHaveCount(0);
    expect((await history()).pinned).toEqual([]);
  });

  test('a code answered from elsewhere (as the command line does) closes the dialog; removing the user asks first', async ({ page }) => {
    // A new device session is needed: a second IAM user with the same device.
    expect(await app().op('addIamUser', { name: 'alice-again', accessKeyId: user().accessKeyId, secretAccessKey: user().secretAccessKey, mfaSerial: user().mfaSerial })).toEqual({ ok: true });
    await openScreen(page);
    const again = page.getByRole('article', { name: 'IAM user alice-again' });
    await again.getByRole('button', { name: 'Load alice-again' }).click();
    const asked = page.getByRole('dialog', { name: 'MFA code for alice-again' });
    await expect(asked).toBeVisible();
    const state = await app().op<{ mfaPrompts: { id: string }[] }>('getState');
    const id = state.ok ? state.value.mfaPrompts[0]!.id : '';
    // The code of the next step: the one before was spent above, and STS takes a code once.
    expect(await app().op('answerMfa', { id, code: totpCode(user().mfaSecret, Date.now() + 30_000) })).toEqual({ ok: true });
    await expect(asked).toHaveCount(0);
    await expect(again.getByText('Loaded alice-again into the default slot')).toBeVisible();

    await again.getByRole('button', { name: 'Remove' }).click();
    const ask = again.getByRole('group', { name: 'Remove alice-again?' });
    await expect(ask).toContainText('Remove alice-again? RoleTray forgets its access keys; chains from it stop loading.');
    await ask.getByRole('button', { name: 'Remove' }).click();
    await expect(page.getByRole('article', { name: 'IAM user alice-again' })).toHaveCount(0);
    await expect(page.getByRole('article', { name: 'IAM user alice' })).toBeVisible();
  });

  test('a role assumed from it uses the cached session: no second code', async ({ page }) => {
    await openScreen(page);
    await page.getByRole('button', { name: 'Assume a role from alice…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Assume a role from alice' });
    await dialog.getByLabel('Role ARN').fill(app().sts.deployRoleArn);
    // From an IAM user, not a role: STS grants up to 12 hours.
    await expect(dialog.getByLabel('Duration in seconds (optional)')).toHaveAttribute('placeholder', '900 to 43200');
    await dialog.getByLabel('Load into its own slot (named after the profile) instead of the default slot').check();
    await dialog.getByRole('button', { name: 'Assume and load' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(mfaDialog(page)).toHaveCount(0);
    await expect(page.getByText(`Assumed ${app().sts.deployRoleArn} from alice: loaded Deploy into slot “Deploy”, and kept it as a chain`)).toBeVisible();
    expect((await getCredentials(`${app().credentialServerUrl}slot/Deploy`)).status).toBe(200);
    await expect(page.getByRole('article', { name: 'Chain Deploy' }).getByTestId('chain-role')).toContainText(`${app().sts.deployRoleArn} from alice`);
  });

  test('rotating a key asks first; two keys already is said in place; once one is deleted, a new key replaces the old', async ({ page }) => {
    // alice's key under a name without her MFA device: IAM is then called with the key itself, and no code is asked for.
    expect(await app().op('addIamUser', { name: 'alice-plain', accessKeyId: user().accessKeyId, secretAccessKey: user().secretAccessKey })).toEqual({ ok: true });
    const credentials = { accessKeyId: user().accessKeyId, secretAccessKey: user().secretAccessKey };
    const iam = new IAMClient({ endpoint: app().sts.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    const spare = (await iam.send(new CreateAccessKeyCommand({}))).AccessKey!.AccessKeyId!;
    await openScreen(page);
    const item = page.getByRole('article', { name: 'IAM user alice-plain' });
    const ask = item.getByRole('group', { name: "Rotate alice-plain's access key?" });
    await item.getByRole('button', { name: 'Rotate key…' }).click();
    await expect(ask).toContainText(`Rotate alice-plain's access key? IAM makes a new key, RoleTray keeps it, then deletes ${hint()}: anything else still using ${hint()} stops working.`);
    await page.setViewportSize({ width: 720, height: 480 });
    expect(await layoutProblems(page)).toEqual([]);
    await ask.getByRole('button', { name: 'Keep it' }).click();
    await expect(ask).toHaveCount(0);

    await item.getByRole('button', { name: 'Rotate key…' }).click();
    await ask.getByRole('button', { name: 'Rotate', exact: true }).click();
    await expect(item.getByRole('alert')).toHaveText(
      `alice-plain already has two access keys, the most IAM allows, so no new one was made; nothing was changed. Delete the unused one (not ${hint()}, which RoleTray uses) in the IAM console or with aws iam delete-access-key --user-name alice --access-key-id ID (aws iam list-access-keys --user-name alice lists both), then rotate again`,
    );
    await expect(item.getByTestId('access-key-hint')).toHaveText(hint());

    await iam.send(new DeleteAccessKeyCommand({ AccessKeyId: spare }));
    await item.getByRole('button', { name: 'Rotate key…' }).click();
    await ask.getByRole('button', { name: 'Rotate', exact: true }).click();
    const done = item.getByRole('status').filter({ hasText: 'Rotated' });
    await expect(done).toHaveText(new RegExp(`^Rotated: AKIA…\\w{4} replaces ${hint()} \\(deleted\\)$`));
    await expect(item.getByRole('alert')).toHaveCount(0);
    const newHint = (await done.textContent())!.slice('Rotated: '.length, 'Rotated: '.length + 9);
    await expect(item.getByTestId('access-key-hint')).toHaveText(newHint);
    expect(newHint).not.toBe(hint());
    // The old key is deleted in IAM: STS no longer takes it.
    const refused = await new STSClient({ endpoint: app().sts.url, region: 'us-east-1', credentials, maxAttempts: 1 }).send(new GetCallerIdentityCommand({})).catch((err: Error) => err.name);
    expect(refused).toBe('InvalidClientTokenId');
  });
});
