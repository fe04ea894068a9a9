import { expect, test, type Page } from '@playwright/test';
import { debianChromium } from '../../test-support/web/chromium';
import { installFakeRoleTray } from '../../test-support/web/fake-roletray';
import { serveBuiltRenderer } from '../../test-support/web/protocol-served-renderer';

/**
 * The picker with 50,000 roles finds the right rows while a person types and erases key by key
 * (the search narrows from the previous keystroke and keeps the queries it answered, so these
 * are the paths that could go wrong at scale). How fast is for `npm run bench` (e2e/bench/window.ts),
 * not for a pass/fail test. The dev bridge's stand-in has ~900 roles, so this run brings its own
 * in-page window.roletray: 12,500 accounts of 4 roles; the last, account 12,499, is
 * ledger-staging-208 (100098979581) with Developer, DataScientist, ReadOnlyAccess, BillingViewer.
 */
test.use(debianChromium);

const ROLES = 50_000;
const LAST_ACCOUNT = { name: 'ledger-staging-208', id: '100098979581' };

const search = (page: Page) => page.getByRole('combobox', { name: 'Search roles' });
const count = (page: Page) => page.locator('.count');
const options = (page: Page) => page.getByRole('option');

async function erase(page: Page, keys: number) {
  for (let i = 0; i < keys; i++) await search(page).press('Backspace');
}

test('among 50,000 roles, typing and erasing key by key finds the right rows', async ({ page }) => {
  const site = await serveBuiltRenderer();
  try {
    await page.addInitScript(installFakeRoleTray, { roleCount: ROLES, now: Date.now() });
    await page.goto(`${site.origin}/`);
    await expect(count(page)).toHaveText('50,000 roles');
    await expect(search(page)).toBeFocused();

    // An account name, then a role name: one role; erasing the role name brings back the account's four.
    await page.keyboard.type(`${LAST_ACCOUNT.name} readonly`);
    await expect(count(page)).toHaveText('1 of 50,000');
    await expect(options(page)).toHaveCount(1);
    await expect(options(page).first()).toContainText('ReadOnlyAccess');
    await expect(options(page).first()).toContainText(LAST_ACCOUNT.id);
    await erase(page, ' readonly'.length);
    await expect(search(page)).toHaveValue(LAST_ACCOUNT.name);
    await expect(count(page)).toHaveText('4 of 50,000');
    await expect(options(page)).toHaveText(['Developer', 'DataScientist', 'ReadOnlyAccess', 'BillingViewer'].map((r) => new RegExp(`^${r}${LAST_ACCOUNT.name}`)));
    await erase(page, LAST_ACCOUNT.name.length);
    await expect(count(page)).toHaveText('50,000 roles');

    // An account id finds that account's roles and nothing else.
    await page.keyboard.type(LAST_ACCOUNT.id);
    await expect(count(page)).toHaveText('4 of 50,000');
    for (const text of await options(page).allTextContents()) expect(text).toContain(LAST_ACCOUNT.id);
    await erase(page, LAST_ACCOUNT.id.length);

    // Fragments of two words: every row has both; the count on the way back equals the one on the way in.
    await page.keyboard.type('sec');
    await expect(count(page)).toHaveText(/^[\d,]+ of 50,000$/);
    const secOnTheWayIn = await count(page).textContent();
    await page.keyboard.type(' aud');
    await expect(count(page)).not.toHaveText(secOnTheWayIn!);
    for (const text of await options(page).allTextContents()) expect(text).toContain('SecurityAudit');
    await erase(page, ' aud'.length);
    await expect(count(page)).toHaveText(secOnTheWayIn!);
    await erase(page, 'sec'.length);
    await expect(count(page)).toHaveText('50,000 roles');

    // The last of the 50,000 is reachable: End selects it and the list scrolls to it.
    await search(page).press('End');
    await expect(search(page)).toHaveAttribute('aria-activedescendant', `role-opt-${ROLES - 1}`);
    const last = page.locator(`#role-opt-${ROLES - 1}`);
    await expect(last).toBeInViewport();
    await expect(last).toContainText('BillingViewer');
    await expect(last).toContainText(LAST_ACCOUNT.name);

    // Grouped by account: the account once, over its four roles.
    await page.getByRole('checkbox', { name: 'Group by account' }).check();
    await search(page).focus();
    await page.keyboard.type(LAST_ACCOUNT.name);
    await expect(page.locator('.role-group')).toHaveCount(1);
    await expect(page.locator('.role-group')).toHaveText(`${LAST_ACCOUNT.name}${LAST_ACCOUNT.id}`);
    await expect(options(page)).toHaveCount(4);
  } finally {
    await site.close();
  }
});
