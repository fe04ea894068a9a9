import type { RoleView, SlotView } from '../../../preload/api';
import type { RankedRoles } from '../../../common/role-search';

/** Every row has this height, so the virtual list can place rows without measuring them. */
export const ROW_HEIGHT = 52;

/** An account's header row, when the list is grouped by account. */
export const HEADER_HEIGHT = 30;

/**
 * The row of the selected role, which follows the role, not the row: a load or pin may reorder
 * the list under it. With nothing selected, or the selected role filtered out, the first row;
 * with no rows, -1.
 */
export function activeIndexOf(results: RankedRoles<RoleView>, selectedKey: string | undefined): number {
  if (results.length === 0) return -1;
  if (selectedKey === undefined) return 0;
  for (let i = 0; i < results.length; i++) if (results.at(i)!.key === selectedKey) return i;
  return 0;
}

/** Moving past either end stops there; -1 when there are no rows. */
export function clampRow(i: number, count: number): number {
  if (count === 0) return -1;
  return Math.max(0, Math.min(i, count - 1));
}

/** How far PageUp/PageDown move: a visible page less one row, so the last row stays in view; before layout, as if ten rows showed. */
export function pageRowsFor(listHeight: number | undefined): number {
  return Math.max(1, Math.floor((listHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
}

export type SearchKeyAction = { kind: 'move'; by: number } | { kind: 'jump'; to: 'first' | 'last' } | { kind: 'load'; slotted: boolean } | { kind: 'clear' } | { kind: 'pin' };

export interface SearchKey {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * What a key in the search box does: arrows and page keys move the selection, Home and End take
 * it to the first and last role (Shift+Home/End still select text in the box), Enter loads it
 * (Shift or Alt: into its own slot), Escape clears a query, Alt+P pins. Anything else is typing.
 * `pageRows` is asked only for a page key: measuring the list lays the page out.
 */
export function searchKeyAction(press: SearchKey, pageRows: () => number, hasQuery: boolean): SearchKeyAction | undefined {
  if (press.key === 'ArrowDown' || press.key === 'ArrowUp') return { kind: 'move', by: press.key === 'ArrowDown' ? 1 : -1 };
  if (press.key === 'PageDown' || press.key === 'PageUp') return { kind: 'move', by: press.key === 'PageDown' ? pageRows() : -pageRows() };
  if ((press.key === 'Home' || press.key === 'End') && !press.shiftKey) return { kind: 'jump', to: press.key === 'Home' ? 'first' : 'last' };
  if (press.key === 'Enter') return { kind: 'load', slotted: press.shiftKey || press.altKey };
  if (press.key === 'Escape' && hasQuery) return { kind: 'clear' };
  if (press.altKey && (press.key === 'p' || press.key === 'P')) return { kind: 'pin' };
  return undefined;
}

export interface TypedKey {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: { tagName: string; isContentEditable: boolean } | null;
}

/** Typing a character anywhere on the screen goes to the search box, unless it is meant for another field or presses a button. */
export function typingGoesToSearch(press: TypedKey): boolean {
  if (press.ctrlKey || press.metaKey || press.altKey || press.key.length !== 1) return false;
  const t = press.target;
  if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return false;
  return !(t?.tagName === 'BUTTON' && press.key === ' ');
}

/** Role key → the slot it is loaded in ('default' for the default slot), for the row badges. */
export function slotsByRole(slots: readonly SlotView[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const s of slots) if (s.roleKey) m.set(s.roleKey, s.name === '' ? 'default' : s.name);
  return m;
}

export type EmptyList = 'loading' | 'signed-out' | 'no-roles' | 'no-match';

/** Why the list shows no rows, if it shows none. */
export function emptyListOf(roleCount: number, resultCount: number, loading: boolean, signedIn: boolean): EmptyList | undefined {
  if (roleCount === 0) {
    if (loading) return 'loading';
    return signedIn ? 'no-roles' : 'signed-out';
  }
  return resultCount === 0 ? 'no-match' : undefined;
}

export type ListItem = { kind: 'account'; key: string; accountId: string; accountName: string } | { kind: 'role'; key: string; role: RoleView; at: number };

export interface RoleList {
  /** The roles in the order shown, which the selection and the keys follow. */
  roles: RankedRoles<RoleView>;
  /** How many items the list draws: the roles, each account's first preceded by its header when grouped. */
  count: number;
  /** The item drawn at `i`. */
  itemAt(i: number): ListItem;
  /**
   * The virtual list's key of the item at `i`: its place (nothing is measured, so no item needs a
   * key of its own). The virtual list places its items again, a pass over every one, when the
   * count or this function changes, not when sizes do: ungrouped lists, all rows one height, share
   * one; each grouped list has its own, as its headers move.
   */
  keyAt(i: number): number;
  /** Whether the item at `i` is a header, without making the item (the virtual list asks for every one). */
  isHeader(i: number): boolean;
  /** For the role at `at` in `roles`, its place among the items. */
  itemOf(at: number): number;
}

/**
 * The list as drawn. Ungrouped, the ranked roles themselves, each item made when drawn (a long
 * list draws a screenful of its tens of thousands). Grouped by account, an account comes where
 * its best match ranks and gathers all its matching roles, in rank order, under a header with its
 * name and id.
 */
/** Keys by role made each pass read every role: ~2 ms a keystroke at 50,000. */
const byPlace = (i: number) => i;

export function roleList(results: RankedRoles<RoleView>, grouped: boolean): RoleList {
  if (!grouped) {
    return {
      roles: results,
      count: results.length,
      itemAt: (at) => {
        const role = results.at(at)!;
        return { kind: 'role', key: role.key, role, at };
      },
      keyAt: byPlace,
      isHeader: () => false,
      itemOf: (at) => at,
    };
  }
  const byAccount = new Map<string, RoleView[]>();
  for (let i = 0; i < results.length; i++) {
    const role = results.at(i)!;
    const account = `${role.startUrl}|${role.accountId}`;
    const group = byAccount.get(account);
    if (group) group.push(role);
    else byAccount.set(account, [role]);
  }
  const roles: RoleView[] = [];
  const items: ListItem[] = [];
  const places: number[] = [];
  for (const [account, group] of byAccount) {
    items.push({ kind: 'account', key: `account:${account}`, accountId: group[0]!.accountId, accountName: group[0]!.accountName });
    for (const role of group) {
      places.push(items.length);
      items.push({ kind: 'role', key: role.key, role, at: roles.length });
      roles.push(role);
    }
  }
  return {
    roles,
    count: items.length,
    itemAt: (i) => items[i]!,
    keyAt: (i) => i,
    isHeader: (i) => items[i]!.kind === 'account',
    itemOf: (at) => places[at]!,
  };
}
