import { matcherOf, type Matcher, type Matches, type RoleText } from './role-matches';

/** What the search reads of a role; `key` (roleKeyOf) lets pinned and recent roles rank first. */
export interface SearchableRole extends RoleText {
  key?: string;
}

export interface RoleIndex<T extends SearchableRole> {
  roles: readonly T[];
  /**
   * Does the list's one-off work now rather than at the first query, in slices while `more()`
   * says go on (Matcher.warm); true once done. The picker calls it when idle.
   */
  warm(more?: () => boolean): boolean;
}

export interface SearchOptions {
  /** Role keys, most wanted first: they rank first among equal matches, and lead an empty query. */
  pinned?: readonly string[];
  recent?: readonly string[];
  /** searchRoles answers at most this many. */
  limit?: number;
}

interface Boosted {
  place: number;
  boost: number;
}

/**
 * Roles in rank order, read by place (`0 <= i < length`); an array is one. The window's list
 * reads a screenful of tens of thousands, so rankRoles answers a view of its order instead of
 * copying every match into a new array on each keystroke.
 */
export interface RankedRoles<T> {
  readonly length: number;
  at(i: number): T | undefined;
}

const viewOf = <T>(roles: readonly T[], order: Int32Array): RankedRoles<T> => ({ length: order.length, at: (i) => roles[order[i]!] });

/** Per index: its matcher, and the boosted places of the pinned and recent lists it was last asked with, with the empty query's order for them. */
interface IndexState {
  matcher: Matcher;
  boosted?: { pinned: readonly string[]; recent: readonly string[]; places: readonly Boosted[]; empty?: RankedRoles<SearchableRole> };
}

const states = new WeakMap<RoleIndex<SearchableRole>, IndexState>();

/**
 * Built once per role list, so each keystroke is only string scans. What the search reads is made
 * on first use (or `warm`), so the first paint of a long list does not wait for it.
 */
export function indexRoles<T extends SearchableRole>(roles: readonly T[]): RoleIndex<T> {
  const matcher = matcherOf(roles);
  const index: RoleIndex<T> = { roles, warm: (more) => matcher.warm(more) };
  states.set(index, { matcher });
  return index;
}

export function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/**
 * Boosted places (pinned 3-4, recent 1-2, the first most), highest first, ties in list order.
 * Found by one pass over the list, kept while the same pinned and recent lists come back (each
 * keystroke of one query).
 */
function boostedPlaces(index: RoleIndex<SearchableRole>, state: IndexState, pinned: readonly string[], recent: readonly string[]): readonly Boosted[] {
  if (state.boosted?.pinned === pinned && state.boosted.recent === recent) return state.boosted.places;
  const boost = new Map<string, number>();
  recent.forEach((key, i) => boost.set(key, 1 + (recent.length - i) / (recent.length + 1)));
  pinned.forEach((key, i) => boost.set(key, 3 + (pinned.length - i) / (pinned.length + 1)));
  const places: Boosted[] = [];
  if (boost.size > 0) {
    index.roles.forEach((role, place) => {
      const b = role.key === undefined ? undefined : boost.get(role.key);
      if (b !== undefined) places.push({ place, boost: b });
    });
    places.sort((x, y) => y.boost - x.boost || x.place - y.place);
  }
  state.boosted = { pinned, recent, places };
  return places;
}

/** The position of `place` in the ascending `at`, or -1. */
function positionIn(at: Int32Array, place: number): number {
  let lo = 0;
  let hi = at.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (at[mid]! < place) lo = mid + 1;
    else if (at[mid]! > place) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/**
 * The matches' places best first. Scores are whole numbers and a boost only orders equal scores,
 * so a counting sort by score (stable, so list order within a score) with the boosted matches put
 * first in theirs is the order searchRoles defines, without sorting tens of thousands of matches.
 */
function rank({ at, score }: Matches, top: number, boosted: readonly Boosted[]): Int32Array {
  const leads: number[][] = Array.from({ length: top + 1 }, () => []);
  const led = new Uint8Array(at.length);
  for (const b of boosted) {
    const k = positionIn(at, b.place);
    if (k < 0) continue;
    leads[score[k]!]!.push(b.place);
    led[k] = 1;
  }
  // Bucket `top - score`, best first: where each bucket starts in the order.
  const next = new Int32Array(top + 2);
  for (let k = 0; k < at.length; k++) next[top - score[k]! + 1]!++;
  for (let bucket = 0; bucket <= top; bucket++) next[bucket + 1]! += next[bucket]!;
  const order = new Int32Array(at.length);
  for (let s = top; s >= 0; s--) for (const place of leads[s]!) order[next[top - s]!++] = place;
  for (let k = 0; k < at.length; k++) if (!led[k]) order[next[top - score[k]!]!++] = at[k]!;
  return order;
}

/** A query typed again (Backspace) with the same pins and recents keeps its order, and the same view of it: kept as long as the matcher keeps its matches. */
const rankings = new WeakMap<Matches, { boosted: readonly Boosted[]; ranked: RankedRoles<SearchableRole> }>();

/** The empty query's order: the boosted places first, then the rest in list order. */
function emptyOrder(count: number, boosted: readonly Boosted[]): Int32Array {
  const order = new Int32Array(count);
  const first = new Uint8Array(count);
  let n = 0;
  for (const b of boosted) {
    first[b.place] = 1;
    order[n++] = b.place;
  }
  for (let i = 0; i < count; i++) if (!first[i]) order[n++] = i;
  return order;
}

/**
 * The one role search, for the window's picker and `roletray roles FILTER`: every query word must
 * appear (case-insensitive) in the account id, account name, role name or profile name. Better
 * matches first; among equals, pinned then recent roles, then list order. With no query: pinned
 * roles, then recent ones, then the rest in list order. The same query with the same pinned and
 * recent lists answers the same view.
 */
export function rankRoles<T extends SearchableRole>(index: RoleIndex<T>, query: string, options: SearchOptions = {}): RankedRoles<T> {
  const { pinned = [], recent = [] } = options;
  const words = queryWords(query);
  const { roles } = index;
  const state = states.get(index)!;
  const boosted = boostedPlaces(index, state, pinned, recent);

  if (words.length === 0) {
    if (boosted.length === 0) return roles;
    return (state.boosted!.empty ??= viewOf(roles, emptyOrder(roles.length, boosted))) as RankedRoles<T>;
  }
  const matches = state.matcher.find(words);
  let ranked = rankings.get(matches);
  if (ranked?.boosted !== boosted) rankings.set(matches, (ranked = { boosted, ranked: viewOf(roles, rank(matches, words.length * 8, boosted)) }));
  return ranked.ranked as RankedRoles<T>;
}

/** rankRoles as an array, of at most `limit` roles: for whoever reads every result. */
export function searchRoles<T extends SearchableRole>(index: RoleIndex<T>, query: string, options: SearchOptions = {}): T[] {
  const ranked = rankRoles(index, query, options);
  const { limit = Infinity } = options;
  if (Array.isArray(ranked) && limit >= ranked.length) return ranked as T[];
  const found: T[] = [];
  for (let i = 0; i < ranked.length && i < limit; i++) found.push(ranked.at(i)!);
  return found;
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
