/** What the search reads of a role; `key` (roleKeyOf) lets pinned and recent roles rank first. */
export interface SearchableRole {
  key?: string;
  accountId: string;
  accountName: string;
  roleName: string;
  profileName: string;
}

export interface RoleIndex<T extends SearchableRole> {
  roles: readonly T[];
  /** Per role: `\n<account id>\n<account name>\n<role name>\n<profile name>\n`, lower-cased, so a field's start is `\n` + word. */
  readonly hay: readonly string[];
}

export interface SearchOptions {
  /** Role keys, most wanted first: they rank first among equal matches, and lead an empty query. */
  pinned?: readonly string[];
  recent?: readonly string[];
  limit?: number;
}

/**
 * Built once per role list, so each keystroke is only string scans. The haystacks are made on
 * first use (the picker warms them when idle), so the first paint of a long list does not wait.
 */
export function indexRoles<T extends SearchableRole>(roles: readonly T[]): RoleIndex<T> {
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

const isWordChar = (code: number) => (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || code > 127;

/** Whole field 8, start of a field 4, start of a word inside a field 2, anywhere 1. Assumes `hay` contains `word`. */
function wordScore(hay: string, word: string): number {
  if (hay.includes(`\n${word}`)) return hay.includes(`\n${word}\n`) ? 8 : 4;
  for (let at = hay.indexOf(word); at >= 0; at = hay.indexOf(word, at + 1)) {
    if (!isWordChar(hay.charCodeAt(at - 1))) return 2;
  }
  return 1;
}

/**
 * The one role search, for the window's picker and `roletray roles FILTER`: every query word must
 * appear (case-insensitive) in the account id, account name, role name or profile name. Better
 * matches first; among equals, pinned then recent roles, then list order. With no query: pinned
 * roles, then recent ones, then the rest in list order.
 */
export function searchRoles<T extends SearchableRole>(index: RoleIndex<T>, query: string, options: SearchOptions = {}): T[] {
  const { pinned = [], recent = [], limit = Infinity } = options;
  const words = queryWords(query);
  const boost = new Map<string, number>();
  recent.forEach((key, i) => boost.set(key, 1 + (recent.length - i) / (recent.length + 1)));
  pinned.forEach((key, i) => boost.set(key, 3 + (pinned.length - i) / (pinned.length + 1)));
  const boostOf = (role: T) => (role.key === undefined ? undefined : boost.get(role.key));
  const { roles } = index;

  if (words.length === 0) {
    if (boost.size === 0) return limit === Infinity ? (roles as T[]) : roles.slice(0, limit);
    const first: { role: T; b: number }[] = [];
    const rest: T[] = [];
    for (const role of roles) {
      const b = boostOf(role);
      if (b === undefined) rest.push(role);
      else first.push({ role, b });
    }
    first.sort((x, y) => y.b - x.b);
    return [...first.map((f) => f.role), ...rest].slice(0, limit);
  }

  const hay = index.hay;
  const hits: { i: number; score: number }[] = [];
  outer: for (let i = 0; i < hay.length; i++) {
    const h = hay[i]!;
    for (const w of words) if (!h.includes(w)) continue outer;
    let score = 0;
    for (const w of words) score += wordScore(h, w);
    hits.push({ i, score: score * 8 + (boostOf(roles[i]!) ?? 0) });
  }
  hits.sort((a, b) => b.score - a.score || a.i - b.i);
  return hits.slice(0, limit).map((hit) => roles[hit.i]!);
}

/** A run of matched characters in one field: `[start, end)` in that field's own text. */
export interface MatchRange {
  start: number;
  end: number;
}

/**
 * Where the query's words occur in one field's text, for highlighting a result of searchRoles:
 * the same words (queryWords) found the same way (case-insensitive, anywhere, never across
 * fields), every occurrence, overlapping or touching runs merged, in order. No words, no ranges.
 */
export function matchRanges(text: string, query: string): MatchRange[] {
  const words = queryWords(query);
  if (words.length === 0) return [];
  const { lower, startOf, endOf } = lowered(text);
  const found: MatchRange[] = [];
  for (const word of words) {
    for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) found.push({ start: startOf(at), end: endOf(at + word.length - 1) });
  }
  found.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: MatchRange[] = [];
  for (const range of found) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/**
 * The lower-cased text, and where each of its code units came from in the original. Lower-casing
 * keeps the length of nearly all text; where it does not ("İ" becomes two units), a match is mapped
 * back to whole original characters.
 */
function lowered(text: string): { lower: string; startOf: (i: number) => number; endOf: (i: number) => number } {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return { lower, startOf: (i) => i, endOf: (i) => i + 1 };
  let byChar = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let offset = 0;
  for (const char of text) {
    const piece = char.toLowerCase();
    byChar += piece;
    for (let k = 0; k < piece.length; k++) {
      starts.push(offset);
      ends.push(offset + char.length);
    }
    offset += char.length;
  }
  return { lower: byChar, startOf: (i) => starts[i]!, endOf: (i) => ends[i]! };
}
