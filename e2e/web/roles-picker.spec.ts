import { expect, test, type Page } from '@playwright/test';
import { debianChromium, SCREENS_DIR } from '../../test-support/web/chromium';
import { devWebForDescribe } from '../../test-support/web/dev-web';

/**
 * The role picker against the real core and ~900 stand-in roles: what it says before there are
 * roles, one count, the matched words marked, grouping by account, Home/End, Tab that stays in
 * the window, and rows that stay put when a role is loaded.
 */
test.use(debianChromium);
test.describe.configure({ mode: 'serial' });

const app = devWebForDescribe();

const search = (page: Page) => page.getByRole('combobox', { name: 'Search roles' });

test('before any sign-in the search box says what to do, and counts nothing', async ({ page }) => {
  await page.goto(app().url);
  await expect(page.getByRole('heading', { name: 'Sign in to see your roles' })).toBeVisible();
  await expect(search(page)).toHaveAttribute('placeholder', 'Sign in below to search your roles');
  await expect(page.getByText(/\b0 roles\b/)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
});

test('one count; matches marked; grouped by account; Home and End; Tab stays in the window', async ({ page }) => {
  const { startUrl, region } = app().standin;
  expect(await app().op('signIn', { startUrl, region })).toMatchObject({ ok: true });
  await page.goto(app().url);
  await expect(page.getByText('900 roles', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/\b900\b/)).toHaveCount(1);

  await search(page).fill('identity staging 042');
  const options = page.getByRole('option');
  await expect(page.getByText('3 of 900', { exact: true })).toBeVisible();
  const marks = await options.first().locator('mark').allTextContents();
  expect(marks).toEqual(expect.arrayContaining(['Identity', 'staging', '042']));
  expect(marks.every((m) => /^(identity|staging|042)$/i.test(m))).toBe(true);

  // Grouped: each account once, its name and id over its roles, in the order of its best match.
  await search(page).fill('payments prod');
  const group = page.getByRole('checkbox', { name: 'Group by account' });
  await group.check();
  const headers = page.locator('.role-group');
  await expect(headers.first()).toBeVisible();
  const firstOption = (await options.first().textContent())!;
  const [firstName, firstId] = await headers.first().locator('span').allTextContents();
  expect(firstOption).toContain(firstName!);
  expect(firstOption).toContain(firstId!);
  const accountsInOrder = await options.evaluateAll((rows) => rows.map((r) => r.querySelector('.role-sub .mono')!.textContent));
  const seen: string[] = [];
  for (const id of accountsInOrder) if (seen.at(-1) !== id) seen.push(id!);
  expect(new Set(seen).size, `each account's roles together: ${accountsInOrder.join(' ')}`).toBe(seen.length);
  await page.screenshot({ path: `${SCREENS_DIR}/roles-grouped.png` });

  // Home and End take the selection to the ends; the list follows.
  const count = Number((await page.locator('.count').textContent())!.split(' of ')[0]);
  await search(page).press('End');
  await expect(search(page)).toHaveAttribute('aria-activedescendant', `role-opt-${count - 1}`);
  await expect(page.locator(`#role-opt-${count - 1}`)).toBeInViewport();
  await search(page).press('Home');
  await expect(search(page)).toHaveAttribute('aria-activedescendant', 'role-opt-0');
  await expect(headers.first()).toBeInViewport();

  // The choice to group outlives the window (opened again: the bridge token left the address on the first load).
  await page.goto(app().url);
  await expect(page.getByRole('checkbox', { name: 'Group by account' })).toBeChecked();
  await page.getByRole('checkbox', { name: 'Group by account' }).uncheck();

  // Tab goes round the window's controls and never rests on the page itself.
  await search(page).focus();
  const stops: string[] = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    stops.push(await page.evaluate(() => (document.activeElement === document.body ? 'BODY' : (document.activeElement?.id || document.activeElement?.textContent || '?'))));
  }
  expect(stops).not.toContain('BODY');
  expect(stops.filter((s) => s === 'role-search').length, stops.join(' | ')).toBeGreaterThanOrEqual(2);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
});

test('loading a role leaves every row where it was under the pointer', async ({ page }) => {
  await page.goto(app().url);
  await expect(page.getByText('900 roles', { exact: true })).toBeVisible({ timeout: 30_000 });
  const list = page.getByRole('listbox', { name: 'Roles' });
  await list.evaluate((el) => el.scrollBy(0, 52 * 7));
  const target = page.locator('#role-opt-12');
  const box = (await target.boundingBox())!;
  const before = await list.evaluate((el) => [...el.querySelectorAll('[role=option]')].map((r) => `${r.id} ${r.querySelector('.role-name')!.textContent} ${r.querySelector('.role-sub .mono')!.textContent}`));

  await page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByText(/^Loaded .* into the default slot$/)).toBeVisible();
  await expect(target).toContainText('in default slot');
  const under = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest('[role=option]')?.id, [box.x + box.width / 2, box.y + box.height / 2]);
  expect(under).toBe('role-opt-12');
  const after = await list.evaluate((el) => [...el.querySelectorAll('[role=option]')].map((r) => `${r.id} ${r.querySelector('.role-name')!.textContent} ${r.querySelector('.role-sub .mono')!.textContent}`));
  expect(after).toEqual(before);

  // The next search ranks it as recent: first, once the query is cleared again.
  await search(page).fill('x');
  await search(page).fill('');
  await expect(page.locator('#role-opt-0')).toContainText('in default slot');
});
