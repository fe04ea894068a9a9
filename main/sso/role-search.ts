export interface SearchableRole {
  accountId: string;
  accountName: string;
  roleName: string;
  profileName: string;
}

interface Entry<T> {
  role: T;
  fields: string[];
  order: number;
}

/** How well one query word matches one field: whole field > start of field > start of a word > anywhere. */
function wordScore(word: string, field: string): number {
  if (field === word) return 8;
  if (field.startsWith(word)) return 4;
  const at = field.indexOf(word);
  if (at < 0) return 0;
  return /[^a-z0-9]/.test(field[at - 1]!) ? 2 : 1;
}

/**
 * A search over a role list for the picker and `roletray roles FILTER`: every query word must
 * appear (case-insensitive) in the profile name, account name, account id or role name; better
 * matches rank first, ties keep the list's order. Built once per list; each search is a scan.
 */
export function createRoleSearch<T extends SearchableRole>(roles: readonly T[]): (query: string, limit?: number) => T[] {
  const entries: Entry<T>[] = roles.map((role, order) => ({
    role,
    order,
    fields: [role.profileName, role.accountName, role.accountId, role.roleName].map((f) => f.toLowerCase()),
  }));
  return (query, limit = Infinity) => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return roles.slice(0, limit);
    const hits: { entry: Entry<T>; score: number }[] = [];
    for (const entry of entries) {
      let score = 0;
      for (const word of words) {
        const best = Math.max(...entry.fields.map((field) => wordScore(word, field)));
        if (best === 0) {
          score = -1;
          break;
        }
        score += best;
      }
      if (score > 0) hits.push({ entry, score });
    }
    hits.sort((a, b) => b.score - a.score || a.entry.order - b.entry.order);
    return hits.slice(0, limit).map((h) => h.entry.role);
  };
}
