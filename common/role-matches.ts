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

/** Finds the matches of a query's words in one list of roles; `warm` does the list's one-off work now. */
export interface Matcher {
  warm(): void;
  find(words: readonly string[]): Matches;
}

const isWordChar = (code: number) => (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || code > 127;

/** Bit 10 of the second bit set of `initials`: some word starts with a character past ASCII. */
const OTHER_INITIAL = 1 << 10;

/** What the scan reads of the list, made once. */
interface Prepared {
  /** Per role: `\n<account id>\n<account name>\n<role name>\n<profile name>\n`, lower-cased, so a field's start is `\n` + word. */
  hay: string[];
  /** Per role, two bit sets of the characters that start its words: a-z, then 0-9 (bits 0-9) and OTHER_INITIAL. */
  initials: Int32Array;
}

function prepare(roles: readonly RoleText[]): Prepared {
  const hay = roles.map((r) => `\n${r.accountId}\n${r.accountName}\n${r.roleName}\n${r.profileName}\n`.toLowerCase());
  const initials = new Int32Array(hay.length * 2);
  hay.forEach((h, i) => {
    let letters = 0;
    let others = 0;
    let inWord = false;
    for (let k = 0; k < h.length; k++) {
      const code = h.charCodeAt(k);
      const word = isWordChar(code);
      if (word && !inWord) {
        if (code >= 97 && code <= 122) letters |= 1 << (code - 97);
        else if (code <= 57) others |= 1 << (code - 48);
        else others |= OTHER_INITIAL;
      }
      inWord = word;
    }
    initials[i * 2] = letters;
    initials[i * 2 + 1] = others;
  });
  return { hay, initials };
}

/** A query word with what its score looks for, made once per query rather than once per role. */
interface Word {
  text: string;
  fieldStart: string;
  wholeField: string;
  /** The bit of `initials` its first character sets, when that is a word character (0 and 0 otherwise). */
  letterBit: number;
  otherBit: number;
  /** One ASCII word character: a word starting with it is an occurrence at a word's start. */
  oneInitial: boolean;
}

function wordOf(text: string): Word {
  const code = text.charCodeAt(0);
  const letter = code >= 97 && code <= 122;
  const digit = code >= 48 && code <= 57;
  return {
    text,
    fieldStart: `\n${text}`,
    wholeField: `\n${text}\n`,
    letterBit: letter ? 1 << (code - 97) : 0,
    otherBit: digit ? 1 << (code - 48) : code > 127 ? OTHER_INITIAL : 0,
    oneInitial: text.length === 1 && (letter || digit),
  };
}

/**
 * Whole field 8, start of a field 4, start of a word inside a field 2, anywhere 1. Assumes `hay`
 * contains the word. An occurrence at a field's or a word's start begins with a character that
 * starts a word, so a role with no such initial scores 1 without looking further.
 */
function wordScore(hay: string, letters: number, others: number, word: Word): number {
  if ((word.letterBit | word.otherBit) !== 0 && ((letters & word.letterBit) | (others & word.otherBit)) === 0) return 1;
  if (hay.includes(word.fieldStart)) return hay.includes(word.wholeField) ? 8 : 4;
  if (word.oneInitial) return 2;
  for (let at = hay.indexOf(word.text); at >= 0; at = hay.indexOf(word.text, at + 1)) {
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

  const scan = (words: readonly string[], from: Int32Array | undefined): Matches => {
    const { hay, initials } = (prepared ??= prepare(roles));
    const scoring = words.map(wordOf);
    const count = from ? from.length : hay.length;
    const at = new Int32Array(count);
    const score = new Int32Array(count);
    let found = 0;
    outer: for (let k = 0; k < count; k++) {
      const i = from ? from[k]! : k;
      const h = hay[i]!;
      for (const w of words) if (!h.includes(w)) continue outer;
      let s = 0;
      for (const w of scoring) s += wordScore(h, initials[i * 2]!, initials[i * 2 + 1]!, w);
      at[found] = i;
      score[found++] = s;
    }
    return { at: at.slice(0, found), score: score.slice(0, found) };
  };

  return {
    warm: () => void (prepared ??= prepare(roles)),
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
