import { expect, test } from '@playwright/test';
import { makeAccounts } from '../../test-support/sso-standin';
import { debianChromium } from '../../test-support/web/chromium';
import { devWebForDescribe } from '../../test-support/web/dev-web';

/** The picker driven by the keyboard alone: typing, arrows, Enter, Shift+Enter, Alt+P, Escape. */
test.use(debianChromium);

const ACCOUNTS = makeAccounts(300, 3);
test.describe('the picker by keyboard', () => {
  // Setting the scene is not what this spec tests: sign in through the bridge.
  const app = devWebForDescribe(async ({ op, standin: { startUrl, region } }) => {
    expect(await op('signIn', { startUrl, region })).toMatchObject({ ok: true });
  });

  test('type, arrows, Enter, Shift+Enter, pin, Escape', async ({ page }) => {
    await page.goto(app().url);
    const search = page.getByRole('combobox', { name: 'Search roles' });
    await expect(page.getByText('900 roles', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(search).toBeFocused();

    // Typing lands in the search box even after focus moved elsewhere.
    await page.keyboard.press('Tab');
    await expect(search).not.toBeFocused();
    await page.keyboard.type('mobile prod');
    await expect(search).toBeFocused();
    await expect(search).toHaveValue('mobile prod');

    const options = page.getByRole('option');
    await expect(options.first()).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    const selected = page.locator('[role=option][aria-selected=true]');
    await expect(selected).toHaveCount(1);
    const selectedId = await selected.getAttribute('id');
    await expect(search).toHaveAttribute('aria-activedescendant', selectedId!);
    expect(selectedId).toBe('role-opt-1');

    // Enter loads the selected role into the default slot.
    const profile = (await page.locator('.selected-name').textContent())!;
    await page.keyboard.press('Enter');
    await expect(page.getByText(`Loaded ${profile} into the default slot`)).toBeVisible();
    await expect(selected).toContainText('in default slot');

    // Shift+Enter loads the next one into its own slot.
    await page.keyboard.press('ArrowDown');
    const second = (await page.locator('.selected-name').textContent())!;
    await page.keyboard.press('Shift+Enter');
    await expect(page.getByText(`Loaded ${second} into slot “${second}”`)).toBeVisible();

    // Alt+P pins it; with the query cleared (Escape) pinned roles come first.
    await page.keyboard.press('Alt+p');
    await expect(page.getByText(`Pinned ${second}`)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(search).toHaveValue('');
    await expect(options.first()).toContainText(second.split(':')[0]!);
    await expect(options.first().getByRole('button', { name: `Unpin ${second}` })).toBeVisible();

    // Far down the virtualized list and back: the selection scrolls into view.
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowDown');
    await expect(page.locator('#role-opt-30')).toBeInViewport();
    await page.keyboard.press('PageDown');
    await expect(page.locator('[role=option][aria-selected=true]')).toBeInViewport();

    // Exact account id ranks its roles first.
    const account = ACCOUNTS[123]!;
    await page.keyboard.type(account.accountId);
    await expect(options).toHaveCount(account.roles.length);
    await expect(options.first()).toContainText(account.accountName);
    await page.keyboard.type(' zzz-no-such-role');
    await expect(page.getByText(/No role matches/)).toBeVisible();
  });
});
