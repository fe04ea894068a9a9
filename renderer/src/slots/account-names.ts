import type { RoleView } from '../../../preload/api';

/** Account id → account name, from every role the window knows (the catalogue, recents, pins): slots carry only the id. */
export function accountNames(...lists: readonly (readonly RoleView[])[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const list of lists) for (const role of list) if (!names.has(role.accountId)) names.set(role.accountId, role.accountName);
  return names;
}
