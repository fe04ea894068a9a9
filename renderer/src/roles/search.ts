import type { RoleView } from '../../../preload/api';

export interface RoleIndex {
  roles: readonly RoleView[];
  /** Per role: `\n<account id>\n<account name>\n<role name>\n<profile name>\n`, lower-cased, so a field's start is `\n` + word. */
  hay: readonly string[];
}

/**
 * Built once per role list, so each keystroke is only string scans. The haystacks are made on
 * first use (the picker warms them when idle), so the first paint of a long list does not wait.
 */
export function indexRoles(roles: readonly RoleView[]): RoleIndex {
  let hay: string[] | undefined;
  return {
    roles,
    get hay() {
      return (hay ??= roles.map((r) => `\n${r.accountId}\n${r.accountName}\n${r.roleName}\n${r.profileName}\n`.toLowerCase()));
    },
  };
}

export function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

const WORD_STARTS = [' ', '-', '_', ':', '.', '/', '@'];

/** Whole field 8, start of a field 4, start of a word inside a field 2, anywhere 1. Assumes `hay` contains `word`. */
function wordScore(hay: string, word: string): number {
  if (hay.includes(`\n${word}`)) return hay.includes(`\n${word}\n`) ? 8 : 4;
  for (const sep of WORD_STARTS) if (hay.includes(sep + word)) return 2;
  return 1;
}

/**
 * Every query word must appear (case-insensitive) in the account id, account name, role name or
 * profile name. Better matches first; among equals, pinned then recent roles, then list order.
 * With no query: pinned roles, then recent ones, then the rest in list order.
 */
export function searchRoles(index: RoleIndex, query: string, pinned: readonly string[], recent: readonly string[]): RoleView[] {
  const words = queryWords(query);
  const boost = new Map<string, number>();
  recent.forEach((key, i) => boost.set(key, 1 + (recent.length - i) / (recent.length + 1)));
  pinned.forEach((key, i) => boost.set(key, 3 + (pinned.length - i) / (pinned.length + 1)));
  const { roles, hay } = index;

  if (words.length === 0) {
    if (boost.size === 0) return roles as RoleView[];
    const first: { role: RoleView; b: number }[] = [];
    const rest: RoleView[] = [];
    for (const role of roles) {
      const b = boost.get(role.key);
      if (b === undefined) rest.push(role);
      else first.push({ role, b });
    }
    first.sort((x, y) => y.b - x.b);
    return [...first.map((f) => f.role), ...rest];
  }

  const hits: { i: number; score: number }[] = [];
  outer: for (let i = 0; i < hay.length; i++) {
    const h = hay[i]!;
    for (const w of words) if (!h.includes(w)) continue outer;
    let score = 0;
    for (const w of words) score += wordScore(h, w);
    hits.push({ i, score: score * 8 + (boost.get(roles[i]!.key) ?? 0) });
  }
  hits.sort((a, b) => b.score - a.score || a.i - b.i);
  return hits.map((hit) => roles[hit.i]!);
}
