import { describe, expect, it } from 'vitest';
import type { RoleView, SlotView } from '../../../preload/api';
import { activeIndexOf, clampRow, emptyListOf, pageRowsFor, roleList, searchKeyAction, slotsByRole, typingGoesToSearch, type RoleList, type TypedKey } from './picker';

const START = 'https://d-123.awsapps.com/start';
function role(accountId: string, roleName: string): RoleView {
  return { key: `${START}|${accountId}|${roleName}`, startUrl: START, accountId, accountName: `acct ${accountId}`, roleName, profileName: `${accountId}:${roleName}` };
}
const [a, b, c] = [role('111111111111', 'Admin'), role('222222222222', 'ReadOnly'), role('333333333333', 'Billing')] as const;

describe('the selected role', () => {
  it('stays on the same role when a pin or load reorders the list', () => {
    expect(activeIndexOf([a, b, c], b.key)).toBe(1);
    expect(activeIndexOf([b, a, c], b.key)).toBe(0);
  });

  it('is the first row when nothing is selected or the selection was filtered out, none when the list is empty', () => {
    expect(activeIndexOf([a, b, c], undefined)).toBe(0);
    expect(activeIndexOf([a, c], b.key)).toBe(0);
    expect(activeIndexOf([], b.key)).toBe(-1);
    expect(activeIndexOf([], undefined)).toBe(-1);
  });

  it('stops at the first and last rows', () => {
    expect(clampRow(-1, 3)).toBe(0);
    expect(clampRow(1, 3)).toBe(1);
    expect(clampRow(12, 3)).toBe(2);
    expect(clampRow(0, 0)).toBe(-1);
  });
});

describe('page keys', () => {
  it('move a visible page less one row', () => {
    expect(pageRowsFor(520)).toBe(9);
    expect(pageRowsFor(530)).toBe(9);
  });

  it('move at least one row, and nine before the list is laid out', () => {
    expect(pageRowsFor(40)).toBe(1);
    expect(pageRowsFor(0)).toBe(1);
    expect(pageRowsFor(undefined)).toBe(9);
  });
});

describe('keys in the search box', () => {
  const key = (k: string, mods: { shiftKey?: boolean; altKey?: boolean } = {}) => ({ key: k, shiftKey: false, altKey: false, ...mods });

  it('measure the page only for a page key', () => {
    const measured: string[] = [];
    for (const k of ['ArrowDown', 'Home', 'Enter', 'a', 'PageDown']) searchKeyAction(key(k), () => (measured.push(k), 9), true);
    expect(measured).toEqual(['PageDown']);
  });

  it('arrows move one row, page keys a page', () => {
    expect(searchKeyAction(key('ArrowDown'), () => 9, false)).toEqual({ kind: 'move', by: 1 });
    expect(searchKeyAction(key('ArrowUp'), () => 9, false)).toEqual({ kind: 'move', by: -1 });
    expect(searchKeyAction(key('PageDown'), () => 9, true)).toEqual({ kind: 'move', by: 9 });
    expect(searchKeyAction(key('PageUp'), () => 4, true)).toEqual({ kind: 'move', by: -4 });
  });

  it('Home and End take the selection to the first and last role; with Shift they select text in the box', () => {
    expect(searchKeyAction(key('Home'), () => 9, true)).toEqual({ kind: 'jump', to: 'first' });
    expect(searchKeyAction(key('End'), () => 9, false)).toEqual({ kind: 'jump', to: 'last' });
    expect(searchKeyAction(key('Home', { shiftKey: true }), () => 9, true)).toBeUndefined();
    expect(searchKeyAction(key('End', { shiftKey: true }), () => 9, true)).toBeUndefined();
  });

  it('Enter loads into the default slot; Shift+Enter or Alt+Enter into the role’s own slot', () => {
    expect(searchKeyAction(key('Enter'), () => 9, false)).toEqual({ kind: 'load', slotted: false });
    expect(searchKeyAction(key('Enter', { shiftKey: true }), () => 9, false)).toEqual({ kind: 'load', slotted: true });
    expect(searchKeyAction(key('Enter', { altKey: true }), () => 9, false)).toEqual({ kind: 'load', slotted: true });
  });

  it('Escape clears a query, and is left alone when there is none', () => {
    expect(searchKeyAction(key('Escape'), () => 9, true)).toEqual({ kind: 'clear' });
    expect(searchKeyAction(key('Escape'), () => 9, false)).toBeUndefined();
  });

  it('Alt+P pins (either case); a plain p is typing', () => {
    expect(searchKeyAction(key('p', { altKey: true }), () => 9, false)).toEqual({ kind: 'pin' });
    expect(searchKeyAction(key('P', { altKey: true, shiftKey: true }), () => 9, false)).toEqual({ kind: 'pin' });
    expect(searchKeyAction(key('p'), () => 9, false)).toBeUndefined();
    expect(searchKeyAction(key('a'), () => 9, true)).toBeUndefined();
  });
});

describe('typing anywhere goes to the search box', () => {
  const on = (tagName: string, isContentEditable = false) => ({ tagName, isContentEditable });
  const press = (k: string, target: TypedKey['target'], mods: Partial<TypedKey> = {}): TypedKey => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, target, ...mods });

  it('takes characters typed on the page or a button', () => {
    expect(typingGoesToSearch(press('a', on('BODY')))).toBe(true);
    expect(typingGoesToSearch(press('a', on('BUTTON')))).toBe(true);
    expect(typingGoesToSearch(press('a', null))).toBe(true);
  });

  it('leaves other fields, Space on a button, shortcuts and non-character keys alone', () => {
    expect(typingGoesToSearch(press('a', on('INPUT')))).toBe(false);
    expect(typingGoesToSearch(press('a', on('TEXTAREA')))).toBe(false);
    expect(typingGoesToSearch(press('a', on('SELECT')))).toBe(false);
    expect(typingGoesToSearch(press('a', on('DIV', true)))).toBe(false);
    expect(typingGoesToSearch(press(' ', on('BUTTON')))).toBe(false);
    expect(typingGoesToSearch(press('c', on('BODY'), { ctrlKey: true }))).toBe(false);
    expect(typingGoesToSearch(press('c', on('BODY'), { metaKey: true }))).toBe(false);
    expect(typingGoesToSearch(press('1', on('BODY'), { altKey: true }))).toBe(false);
    expect(typingGoesToSearch(press('ArrowDown', on('BODY')))).toBe(false);
  });
});

describe('slotsByRole', () => {
  const slot = (name: string, roleKey?: string): SlotView => ({ name, profileName: name || 'x', accountId: '111111111111', roleName: 'Admin', expiresAt: 0, source: roleKey ? 'sso' : 'pushed', refresh: 'ok', ...(roleKey ? { roleKey } : {}) });

  it('names the slot each catalogue role is loaded in, the default slot as "default"', () => {
    const m = slotsByRole([slot('', a.key), slot('ci', b.key), slot('pushed-one')]);
    expect(m.get(a.key)).toBe('default');
    expect(m.get(b.key)).toBe('ci');
    expect(m.get(c.key)).toBeUndefined();
    expect(m.size).toBe(2);
  });
});

describe('why the list is empty', () => {
  it('says loading, then sign in or refresh, when there are no roles', () => {
    expect(emptyListOf(0, 0, true, false)).toBe('loading');
    expect(emptyListOf(0, 0, false, false)).toBe('signed-out');
    expect(emptyListOf(0, 0, false, true)).toBe('no-roles');
  });

  it('says no match when a query filters every role out, and nothing while rows show', () => {
    expect(emptyListOf(3, 0, false, true)).toBe('no-match');
    expect(emptyListOf(3, 0, true, true)).toBe('no-match');
    expect(emptyListOf(3, 2, false, true)).toBeUndefined();
  });
});

describe('the list as drawn', () => {
  const a2 = role('111111111111', 'ReadOnly');
  const ranked = [a, b, a2, c];
  const itemsOf = (list: RoleList) => Array.from({ length: list.count }, (_, i) => list.itemAt(i));
  const rolesOf = (list: RoleList) => Array.from({ length: list.roles.length }, (_, i) => list.roles.at(i)!);

  it('is the ranked roles as they are, ungrouped', () => {
    const list = roleList(ranked, false);
    expect(list.roles).toEqual(ranked);
    expect(itemsOf(list)).toEqual(ranked.map((role, at) => ({ kind: 'role', key: role.key, role, at })));
    expect(ranked.map((_, at) => list.itemOf(at))).toEqual([0, 1, 2, 3]);
    expect(ranked.map((_, i) => [list.keyAt(i), list.isHeader(i)])).toEqual(ranked.map((_, i) => [i, false]));
  });

  it('tells the virtual list to place its items again for a new grouped list, and for an ungrouped one only when the count changes', () => {
    // The virtual list places its items again when its key function or the count changes: every ungrouped row has one height.
    expect(roleList(ranked, false).keyAt).toBe(roleList([c, b, a], false).keyAt);
    expect(roleList(ranked, true).keyAt).not.toBe(roleList(ranked, true).keyAt);
  });

  it('grouped, gathers each account’s roles under one header, accounts in the order of their best match', () => {
    const list = roleList(ranked, true);
    expect(rolesOf(list).map((r) => `${r.accountId}/${r.roleName}`)).toEqual(['111111111111/Admin', '111111111111/ReadOnly', '222222222222/ReadOnly', '333333333333/Billing']);
    expect(itemsOf(list).map((i) => (i.kind === 'account' ? `# ${i.accountName} ${i.accountId}` : i.role.roleName))).toEqual([
      '# acct 111111111111 111111111111',
      'Admin',
      'ReadOnly',
      '# acct 222222222222 222222222222',
      'ReadOnly',
      '# acct 333333333333 333333333333',
      'Billing',
    ]);
    expect(itemsOf(list).map((item, i) => [list.keyAt(i), list.isHeader(i)])).toEqual(itemsOf(list).map((item, i) => [i, item.kind === 'account']));
    // The selection moves through the roles; the list scrolls to the item each one is drawn as.
    const places = rolesOf(list).map((_, at) => list.itemOf(at));
    expect(places).toEqual([1, 2, 4, 6]);
    expect(places.map((at) => list.itemAt(at).key)).toEqual(rolesOf(list).map((r) => r.key));
  });

  it('keeps the same account of two instances apart', () => {
    const other = { ...a, key: `https://other.awsapps.com/start|${a.accountId}|Admin`, startUrl: 'https://other.awsapps.com/start' };
    expect(itemsOf(roleList([a, other], true)).filter((i) => i.kind === 'account')).toHaveLength(2);
  });

  it('has no rows for no roles', () => {
    for (const grouped of [true, false]) {
      const list = roleList([], grouped);
      expect([list.roles, list.count]).toEqual([[], 0]);
    }
  });
});
