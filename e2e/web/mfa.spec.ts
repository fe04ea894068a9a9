import { expect, test, type Page } from '@playwright/test';
import { debianChromium, SCREENS_DIR } from '../../test-support/web/chromium';
import { FAKE_MFA_CODE, FAKE_WRONG_CODE, installFakeRoleTray, type FakeRoleTrayHooks } from '../../test-support/web/fake-roletray';
import { layoutProblems } from '../../test-support/web/layout-check';
import { nav } from '../../test-support/web/nav';
import { serveBuiltRenderer, type ProtocolServedRenderer } from '../../test-support/web/protocol-served-renderer';

/**
 * The MFA code dialog, on an in-page window.roletray: a refresh waiting for a code, a prompt the
 * command line answers, a wrong code. The real stand-in reaches these only with a slot's refresh
 * due (40 minutes) or a second client answering at the right moment.
 */
test.use(debianChromium);

const DEPLOY_ARN = 'arn:aws:iam::222222222222:role/Deploy';
let site: ProtocolServedRenderer;
test.beforeAll(async () => {
  site = await serveBuiltRenderer();
});
test.afterAll(async () => {
  await site?.close();
});

async function open(page: Page): Promise<void> {
  await page.addInitScript(installFakeRoleTray, { roleCount: 40, now: Date.now(), mfa: true });
  await page.goto(`${site.origin}/index.html`);
}

const dialog = (page: Page) => page.getByRole('dialog', { name: 'MFA code for alice' });
const fake = <T,>(page: Page, run: (hooks: FakeRoleTrayHooks) => T) =>
  page.evaluate(`(${run.toString()})(window.__fakeRoleTray)`) as Promise<T>;

test('a refresh waiting for a code: the dialog says what for and which device; a short code is refused and kept; the right one refreshes the slot', async ({ page }) => {
  await open(page);
  const asked = dialog(page);
  await expect(asked).toBeVisible();
  await expect(asked).toContainText(`RoleTray needs a code from your MFA device to keep deploy (${DEPLOY_ARN}) fresh.`);
  await expect(asked.getByTestId('mfa-serial')).toHaveText('arn:aws:iam::111111111111:mfa/alice');
  const code = asked.getByLabel('6-digit code');
  await expect(code).toBeFocused();
  await expect(code).toHaveAttribute('inputmode', 'numeric');
  await expect(code).toHaveAttribute('autocomplete', 'one-time-code');

  await code.fill('12345');
  await page.keyboard.press('Enter');
  await expect(asked.getByRole('alert')).toHaveText('An MFA code is the 6 digits your authenticator shows');
  await expect(code).toHaveValue('12345');
  await expect(code).toBeFocused();
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await code.fill('12a456');
  await asked.getByRole('button', { name: 'Submit' }).click();
  await expect(asked.getByRole('alert')).toHaveText('An MFA code is the 6 digits your authenticator shows');

  // Tab goes round the dialog's own controls, never behind it.
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
  }
  await page.setViewportSize({ width: 720, height: 480 });
  expect(await layoutProblems(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENS_DIR}/mfa-dialog-720.png` });

  // The spaces an authenticator shows are not part of the code.
  await code.fill(`${FAKE_MFA_CODE.slice(0, 3)} ${FAKE_MFA_CODE.slice(3)}`);
  await asked.getByRole('button', { name: 'Submit' }).click();
  await expect(asked).toHaveCount(0);
  await nav(page, /^Slots/);
  await expect(page.getByRole('article', { name: 'Default slot' }).getByText('auto-refresh')).toBeVisible();
});

test('a wrong code: the reason stays until closed; "Enter MFA code" on the slot asks again, and the load finishes', async ({ page }) => {
  await open(page);
  await dialog(page).getByLabel('6-digit code').fill('654321');
  await dialog(page).getByRole('button', { name: 'Submit' }).click();
  // The prompt is over (the refresh that asked failed): only its reason is left to read.
  await expect(dialog(page).getByRole('alert')).toHaveText(FAKE_WRONG_CODE);
  await expect(dialog(page).getByLabel('6-digit code')).toHaveCount(0);
  await expect(dialog(page).getByRole('button', { name: 'Close' })).toBeFocused();
  await dialog(page).getByRole('button', { name: 'Close' }).click();
  await expect(dialog(page)).toHaveCount(0);

  await nav(page, /^Slots/);
  const card = page.getByRole('article', { name: 'Default slot' });
  await expect(card.getByText('MFA code needed to refresh')).toBeVisible();
  await expect(card.getByTestId('slot-source')).toHaveText('A chained role (sts:AssumeRole)');
  await expect(card.getByTestId('slot-chain').getByRole('listitem')).toHaveText(['IAM user alice (AKIA…WXYZ)', `AssumeRole ${DEPLOY_ARN}`]);
  await card.getByRole('button', { name: 'Enter MFA code' }).click();
  await expect(dialog(page)).toContainText(`to load deploy (${DEPLOY_ARN})`);
  await dialog(page).getByLabel('6-digit code').fill(FAKE_MFA_CODE);
  await page.keyboard.press('Enter');
  await expect(dialog(page)).toHaveCount(0);
  await expect(card.getByText('Loaded deploy into the default slot')).toBeVisible();
  await expect(card.getByText('auto-refresh')).toBeVisible();
  await expect(card.getByRole('button', { name: 'Enter MFA code' })).toHaveCount(0);
});

test('a prompt answered elsewhere (the command line) goes by itself; two prompts stack; Escape cancels', async ({ page }) => {
  await open(page);
  await expect(dialog(page)).toBeVisible();
  await fake(page, (hooks) => hooks.answerElsewhere('refresh-1'));
  await expect(dialog(page)).toHaveCount(0);

  await nav(page, /^Chains/);
  await fake(page, (hooks) => {
    hooks.raisePrompt('cli-1', 'to load deploy (arn:aws:iam::222222222222:role/Deploy)');
    hooks.raisePrompt('cli-2', 'to load audit (arn:aws:iam::444444444444:role/Audit)');
  });
  await expect(dialog(page)).toHaveCount(2);
  // The later one is on top and has the focus.
  await expect(page.locator('#mfa-code-cli-2')).toBeFocused();
  await fake(page, (hooks) => hooks.answerElsewhere('cli-2'));
  await expect(dialog(page)).toHaveCount(1);
  await expect(dialog(page)).toContainText('to load deploy');
  await page.locator('#mfa-code-cli-1').focus();
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
  // The screen behind is usable again.
  await expect(page.getByRole('heading', { name: 'Chains & IAM users' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('bob');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('bob');
});

test('chained slots name each step from the root, and a slot from IAM Identity Center stays as it was', async ({ page }) => {
  await open(page);
  await fake(page, (hooks) => hooks.answerElsewhere('refresh-1'));
  await nav(page, /^Slots/);
  const ops = page.getByRole('article', { name: 'Slot ops' });
  await expect(ops.getByTestId('slot-source')).toHaveText('A chained role (sts:AssumeRole)');
  await expect(ops.getByTestId('slot-chain').getByRole('listitem')).toHaveText([/^IAM Identity Center \d{12}\/\w+ \(\d{12}:\w+\)$/, 'AssumeRole arn:aws:iam::333333333333:role/Ops']);
  await page.setViewportSize({ width: 720, height: 480 });
  expect(await layoutProblems(page)).toEqual([]);
});
