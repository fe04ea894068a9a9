/** How far a role list's fetch has got, in the words the window, the tray and `roletray roles` all use. */
export interface CatalogueProgressCounts {
  roles: number;
  accountsDone: number;
  /** Known once every page of accounts is in. */
  accounts?: number;
}

// One grouping for every door: the tray and a terminal are not given the person's locale.
const count = (n: number) => n.toLocaleString('en-US');

/** "Fetching roles… 1,234 (120 of 2,000 accounts)"; "(120 accounts)" while the number of accounts is not known yet. */
export function fetchingRolesText(p: CatalogueProgressCounts): string {
  const accounts = p.accounts === undefined ? `${count(p.accountsDone)} accounts` : `${count(p.accountsDone)} of ${count(p.accounts)} accounts`;
  return `Fetching roles… ${count(p.roles)} (${accounts})`;
}
