/** The text of a role the search reads. */
export interface RoleText {
  accountId: string;
  accountName: string;
  roleName: string;
  profileName: string;
}

/** The roles a query's words all match, by place in the list (ascending), each with the sum of its words' scores. */
export interface Matches {
  at: Int32Array;
  score: Int32Array;
}

/** Finds the matches of a query's words in one list of roles. */
export interface Matcher {
  /**
   * Does the list's one-off work now, a slice of roles at a time while `more()` says go on (all
   * of it without `more`); true once all is done. A query finishes whatever is left.
   */
  warm(more?: () => boolean): boolean;
  find(words: readonly string[]): Matches;
}

const isWordChar = (code: number) => (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || code > 127;

/**
 * Characters as bits, two numbers per set: a-z in the first (bit 0 for a), 0-9 in the second
 * (bit 0 for 0) with OTHER standing for every word character past ASCII.
 */
const OTHER = 1 << 10;

/** Which of a set's two numbers holds a character: 0 or 1, or -1 for a character that is not a word character. */
const slotOf = (code: number) => (code >= 97 && code <= 122 ? 0 : (code >= 48 && code <= 57) || code > 127 ? 1 : -1);

/** A word character's bit in its number. */
const bitOf = (code: number) => (code >= 97 && code <= 122 ? 1 << (code - 97) : code >= 48 && code <= 57 ? 1 << (code - 48) : OTHER);

/**
 * Per role, four character sets (the word characters it contains, those starting one of its
 * words, those starting one of its fields, and those that are a whole field), the lengths of its
 * fields as bits (FIELD_LENGTHS), the pairs of adjacent characters it has, hashed into 128 bits
 * (PAIRS), and the first four characters of each field (PREFIXES, one byte each; PREFIXES_KNOWN
 * is 0 when a field starts with a character past 255, which a byte cannot hold).
 */
const CONTAINS = 0;
const STARTS_WORD = 2;
const STARTS_FIELD = 4;
const WHOLE_FIELD = 6;
const FIELD_LENGTHS = 8;
const PAIRS = 9;
const PREFIXES_KNOWN = 13;
const PREFIXES = 14;
const FIELDS = 4;
const SETS = 18;

/** A pair of adjacent characters' bit among PAIRS' 128. */
const pairBit = (a: number, b: number) => (a * 31 + b) & 127;

/** Up to four characters from `at` as one number, a byte each, first lowest; undefined when one is past 255 (or NUL). */
function packed(text: string, at: number, end: number): number | undefined {
  let code = 0;
  for (let k = 0; k < 4 && at + k < end; k++) {
    const c = text.charCodeAt(at + k);
    if (c === 0 || c > 255) return undefined;
    code |= c << (8 * k);
  }
  return code;
}

/** A length's bit in FIELD_LENGTHS; the last bit stands for every length from 31 up. */
const lengthBit = (length: number) => 1 << Math.min(length, 31);

/** What the scan reads of the list, made once, WARM_SLICE roles at a time. */
interface Prepared {
  /** Per role: `\n<account id>\n<account name>\n<role name>\n<profile name>\n`, lower-cased, so a field's start is `\n` + word. */
  hay: string[];
  /** Per role, SETS numbers: its four character sets and its field lengths. */
  sets: Int32Array;
}

/** Well under a millisecond of preparing once the code is hot, a few while cold: 50,000 roles take ~75 ms, too long a task to run between two keystrokes. */
const WARM_SLICE = 250;

function prepareRole(r: RoleText, i: number, { hay, sets }: Prepared): void {
  const h = `\n${r.accountId}\n${r.accountName}\n${r.roleName}\n${r.profileName}\n`.toLowerCase();
  hay.push(h);
  const base = i * SETS;
  // The character before this one: '\n' (10) before a field's first.
  let prev = 10;
  let inWord = false;
  let fieldStart = 1;
  let field = 0;
  let known = 1;
  for (let k = 1; k < h.length; k++) {
    const code = h.charCodeAt(k);
    if (code === 10) {
      sets[base + FIELD_LENGTHS]! |= lengthBit(k - fieldStart);
      const prefix = packed(h, fieldStart, k);
      if (prefix === undefined || field >= FIELDS) known = 0;
      else sets[base + PREFIXES + field] = prefix;
      field++;
      fieldStart = k + 1;
      prev = 10;
      inWord = false;
      continue;
    }
    if (prev !== 10) {
      const pair = pairBit(prev, code);
      sets[base + PAIRS + (pair >> 5)]! |= 1 << (pair & 31);
    }
    const slot = slotOf(code);
    if (slot >= 0) {
      const bit = bitOf(code);
      sets[base + CONTAINS + slot]! |= bit;
      if (!inWord) sets[base + STARTS_WORD + slot]! |= bit;
      if (prev === 10) {
        sets[base + STARTS_FIELD + slot]! |= bit;
        if (h.charCodeAt(k + 1) === 10) sets[base + WHOLE_FIELD + slot]! |= bit;
      }
    }
    inWord = slot >= 0;
    prev = code;
  }
  sets[base + PREFIXES_KNOWN] = known;
}

/** A query word with what its score looks for, made once per query rather than once per role. */
interface Word {
  text: string;
  fieldStart: string;
  wholeField: string;
  /** Its first character's bit (slot -1: not a word character, so the sets cannot answer for it). */
  slot: number;
  bit: number;
  /** All its word characters, as a character set: a role that lacks one of them cannot contain the word. */
  chars: [number, number];
  /** Its length's bit: only a role with a field of that length can have the word as a whole field. */
  length: number;
  /** Its pairs of adjacent characters, as PAIRS are: a role that lacks one of them cannot contain the word. */
  pairs: Int32Array;
  /** Its first four characters packed as PREFIXES are, and the mask of those it has; undefined when they cannot be. */
  prefix: { code: number; mask: number } | undefined;
  /** One ASCII letter or digit: the sets alone say whether a role has it, and where. */
  oneChar: boolean;
}

function wordOf(text: string): Word {
  const code = text.charCodeAt(0);
  const slot = slotOf(code);
  const bit = slot < 0 ? 0 : bitOf(code);
  const chars: [number, number] = [0, 0];
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    const at = slotOf(c);
    if (at >= 0) chars[at as 0 | 1] |= bitOf(c);
  }
  const pairs = new Int32Array(4);
  for (let k = 1; k < text.length; k++) {
    const pair = pairBit(text.charCodeAt(k - 1), text.charCodeAt(k));
    pairs[pair >> 5]! |= 1 << (pair & 31);
  }
  const first4 = packed(text, 0, text.length);
  const bytes = Math.min(text.length, 4);
  const prefix = first4 === undefined ? undefined : { code: first4, mask: bytes === 4 ? -1 : (1 << (8 * bytes)) - 1 };
  return { text, fieldStart: `\n${text}`, wholeField: `\n${text}\n`, slot, bit, chars, length: lengthBit(text.length), pairs, prefix, oneChar: text.length === 1 && slot >= 0 && bit !== OTHER };
}

/** Whether the role lacks a character or a pair of adjacent characters of the word, so cannot contain it. */
function ruledOut(sets: Int32Array, base: number, word: Word): boolean {
  if ((sets[base + CONTAINS]! & word.chars[0]) !== word.chars[0] || (sets[base + CONTAINS + 1]! & word.chars[1]) !== word.chars[1]) return true;
  for (let k = 0; k < 4; k++) if ((sets[base + PAIRS + k]! & word.pairs[k]!) !== word.pairs[k]) return true;
  return false;
}

/** Whether one of the role's fields starts with the word's first four characters: always answers for a word of four or fewer; undefined when the prefixes cannot say. */
function fieldStartsWith(sets: Int32Array, base: number, word: Word): boolean | undefined {
  if (!word.prefix || sets[base + PREFIXES_KNOWN] === 0) return undefined;
  for (let f = 0; f < FIELDS; f++) if ((sets[base + PREFIXES + f]! & word.prefix.mask) === word.prefix.code) return true;
  return false;
}

const has = (sets: Int32Array, at: number, word: Word) => (sets[at + word.slot]! & word.bit) !== 0;

/**
 * The word's score in one role: whole field 8, start of a field 4, start of a word inside a
 * field 2, anywhere 1, or 0 when the role does not have it. The role's character sets answer a
 * one-character word alone and rule most roles out of the rest without reading their text; the
 * text is then searched once for the word, and again only where a better place remains possible.
 */
function wordScore(hay: string, sets: Int32Array, base: number, word: Word): number {
  if (word.oneChar) {
    if (!has(sets, base + CONTAINS, word)) return 0;
    if (!has(sets, base + STARTS_WORD, word)) return 1;
    return has(sets, base + WHOLE_FIELD, word) ? 8 : has(sets, base + STARTS_FIELD, word) ? 4 : 2;
  }
  if (ruledOut(sets, base, word)) return 0;
  const starts = fieldStartsWith(sets, base, word);
  // A field starting with a word of four characters or fewer contains it: no need to read the text to know.
  if (starts && word.text.length <= 4) return (sets[base + FIELD_LENGTHS]! & word.length) !== 0 && hay.includes(word.wholeField) ? 8 : 4;
  const first = hay.indexOf(word.text);
  if (first < 0) return 0;
  // An occurrence at a field's or a word's start begins with a character that starts a field or a word.
  if (word.slot >= 0 && !has(sets, base + STARTS_WORD, word)) return 1;
  if (starts !== false && (word.slot < 0 || has(sets, base + STARTS_FIELD, word))) {
    const field = hay.charCodeAt(first - 1) === 10 ? first - 1 : hay.indexOf(word.fieldStart, first);
    if (field >= 0) {
      const whole = (sets[base + FIELD_LENGTHS]! & word.length) !== 0 && (hay.charCodeAt(field + word.wholeField.length - 1) === 10 || hay.includes(word.wholeField, field));
      return whole ? 8 : 4;
    }
  }
  for (let at = first; at >= 0; at = hay.indexOf(word.text, at + 1)) {
    if (!isWordChar(hay.charCodeAt(at - 1))) return 2;
  }
  return 1;
}

/** How many queries' matches a list keeps: a query typed again (Backspace) is then not scanned again. */
const RECENT_QUERIES = 32;

/**
 * A role that has every word of `words` has every word of `earlier` when each earlier word is
 * inside one of them ("pay" inside "payments"): such a query needs to look only at the earlier
 * one's matches, so typing a word narrows from the previous keystroke's matches.
 */
const narrows = (words: readonly string[], earlier: readonly string[]) => earlier.every((e) => words.some((w) => w.includes(e)));

/** The scan behind the role search for one list: every role read once per query at most, most queries reading far fewer. */
export function matcherOf(roles: readonly RoleText[]): Matcher {
  let prepared: Prepared | undefined;
  const recent = new Map<string, { words: readonly string[]; matches: Matches }>();

  const warm = (more: () => boolean = () => true): boolean => {
    const p = (prepared ??= { hay: [], sets: new Int32Array(roles.length * SETS) });
    while (p.hay.length < roles.length) {
      const end = Math.min(roles.length, p.hay.length + WARM_SLICE);
      for (let i = p.hay.length; i < end; i++) prepareRole(roles[i]!, i, p);
      if (end < roles.length && !more()) return false;
    }
    return true;
  };

  const scan = (words: readonly string[], from: Int32Array | undefined): Matches => {
    warm();
    const { hay, sets } = prepared!;
    const scoring = words.map(wordOf);
    const count = from ? from.length : hay.length;
    const at = new Int32Array(count);
    const score = new Int32Array(count);
    let found = 0;
    outer: for (let k = 0; k < count; k++) {
      const i = from ? from[k]! : k;
      const h = hay[i]!;
      const base = i * SETS;
      let s = 0;
      for (const w of scoring) {
        const ws = wordScore(h, sets, base, w);
        if (ws === 0) continue outer;
        s += ws;
      }
      at[found] = i;
      score[found++] = s;
    }
    return { at: at.slice(0, found), score: score.slice(0, found) };
  };

  return {
    warm,
    find(words) {
      const key = words.join(' ');
      const known = recent.get(key);
      // Most recently used last, so the first is the one to forget.
      recent.delete(key);
      let matches = known?.matches;
      if (!matches) {
        let from: Int32Array | undefined;
        for (const r of recent.values()) if ((from === undefined || r.matches.at.length < from.length) && narrows(words, r.words)) from = r.matches.at;
        matches = scan(words, from);
      }
      recent.set(key, { words, matches });
      if (recent.size > RECENT_QUERIES) recent.delete(recent.keys().next().value!);
      return matches;
    },
  };
}
