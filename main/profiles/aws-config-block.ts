// main/profiles: the profiles RoleTray writes into the AWS config file (~/.aws/config), between
// its own markers, leaving the rest of the file as it was. It may import common/, sso/ (where the
// file is) and node; the core and the CLI import it.
import { UserError } from '../../common/user-error';

export const BEGIN_MARKER = '# BEGIN ROLETRAY';
export const END_MARKER = '# END ROLETRAY';
const HEADER_NOTE = '# Written by `roletray setup profiles`; lines between these markers are replaced each time it runs.';

/** One profile RoleTray writes: its name and its settings, in order. */
export interface ProfileEntry {
  name: string;
  settings: readonly (readonly [key: string, value: string])[];
}

export class AwsConfigBlockError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'AwsConfigBlockError';
  }
}

/** What writing the block would do, and the whole new text of the file. */
export interface ProfilesPlan {
  text: string;
  changed: boolean;
  added: string[];
  updated: string[];
  unchanged: string[];
  /** In the block, for a role that no longer exists: dropped with `prune`, kept as it was without. */
  removed: string[];
  stale: string[];
  /** Names a profile outside the block already has: never written, never overwritten. */
  collisions: string[];
}

interface Split {
  before: string;
  /** The block's lines between the markers, undefined when the file has none. */
  inner: string[] | undefined;
  after: string;
  eol: string;
}

/** The file's own line ending, so a CRLF file stays CRLF. */
function eolOf(text: string): string {
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const lf = text.match(/\n/g)?.length ?? 0;
  return crlf > 0 && crlf * 2 >= lf ? '\r\n' : '\n';
}

const isMarker = (line: string, marker: string) => line.replace(/\r$/, '').trim() === marker;

/** The file cut at its block: the text before and after it byte for byte, and the lines inside. */
function splitAtBlock(text: string, file: string): Split {
  const eol = eolOf(text);
  // Lines with their own endings, so that joining them gives the text back exactly.
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const begins = lines.flatMap((l, i) => (isMarker(l, BEGIN_MARKER) ? [i] : []));
  const ends = lines.flatMap((l, i) => (isMarker(l, END_MARKER) ? [i] : []));
  if (begins.length === 0 && ends.length === 0) return { before: text, inner: undefined, after: '', eol };
  const fixIt = `fix ${file} by hand (RoleTray will not guess where its block ends)`;
  if (begins.length > 1 || ends.length > 1) throw new AwsConfigBlockError(`${file} has more than one "${BEGIN_MARKER}" or "${END_MARKER}" line: ${fixIt}`);
  if (begins.length === 0 || ends.length === 0 || ends[0]! < begins[0]!) {
    const lone = begins.length === 0 || (ends.length > 0 && ends[0]! < begins[0]!) ? END_MARKER : BEGIN_MARKER;
    throw new AwsConfigBlockError(`${file} has a "${lone}" line without its pair: ${fixIt}`);
  }
  const [b, e] = [begins[0]!, ends[0]!];
  return {
    before: lines.slice(0, b).join(''),
    inner: lines.slice(b + 1, e).map((l) => l.replace(/\r?\n$/, '')),
    after: lines.slice(e + 1).join(''),
    eol,
  };
}

/** The profile name a section header names in an AWS config (`[profile x]`, `[default]`) or credentials file (`[x]`). */
export function profileOfHeader(line: string, kind: 'config' | 'credentials'): string | undefined {
  // As Python's configparser (botocore's reader) reads a header: text after the last "]" is ignored.
  const m = /^\s*\[(.+)\]/.exec(line.replace(/\r$/, ''));
  if (!m) return undefined;
  const section = m[1]!.trim();
  if (kind === 'credentials') return section;
  if (section === 'default') return 'default';
  const profile = /^profile\s+(.+)$/.exec(section);
  return profile ? profile[1]!.trim() : undefined;
}

/** Every profile name a file's text declares. */
export function profileNames(text: string, kind: 'config' | 'credentials'): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const name = profileOfHeader(line, kind);
    if (name !== undefined) names.add(name);
  }
  return names;
}

/** The profiles in the block, each as its lines (header included, blank lines and the note left out). */
function blockProfiles(inner: string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of inner) {
    const name = profileOfHeader(line, 'config');
    if (name !== undefined) found.set(name, (current = [line.trim()]));
    else if (current && line.trim() !== '' && line !== HEADER_NOTE) current.push(line.trimEnd());
  }
  return found;
}

/** Why `name` cannot be a section of the AWS config file, or undefined. */
export function profileNameProblem(name: string): string | undefined {
  if (name === '' || name !== name.trim()) return 'a profile name may not be empty or start or end with a space';
  // eslint-disable-next-line no-control-regex
  if (/[[\]\u0000-\u001f\u007f]/.test(name)) return 'a profile name may not contain "[", "]" or control characters';
  if (name === 'default') return 'RoleTray does not write the default profile';
  return undefined;
}

const render = (entry: ProfileEntry) => [`[profile ${entry.name}]`, ...entry.settings.map(([k, v]) => `${k} = ${v}`)];

/**
 * The new file text with `wanted` as the block's profiles: everything outside the markers kept
 * byte for byte (a file without a block gets it at its end); a name already used outside the
 * block (or in `taken`, the credentials file's names) is reported, not written; profiles of the
 * block that are no longer wanted stay as they were, unless `prune`. Profiles are in name order,
 * so the same input gives the same bytes and a second run changes nothing.
 */
export function planProfiles(text: string, wanted: readonly ProfileEntry[], options: { prune: boolean; file: string; taken?: ReadonlySet<string> }): ProfilesPlan {
  const split = splitAtBlock(text, options.file);
  const outside = new Set([...profileNames(split.before, 'config'), ...profileNames(split.after, 'config'), ...(options.taken ?? [])]);
  const existing = blockProfiles(split.inner ?? []);
  const plan: ProfilesPlan = { text, changed: false, added: [], updated: [], unchanged: [], removed: [], stale: [], collisions: [] };
  const chunks = new Map<string, string[]>();
  for (const entry of wanted) {
    if (outside.has(entry.name)) {
      plan.collisions.push(entry.name);
      continue;
    }
    const lines = render(entry);
    const before = existing.get(entry.name);
    (before === undefined ? plan.added : before.join('\n') === lines.join('\n') ? plan.unchanged : plan.updated).push(entry.name);
    chunks.set(entry.name, lines);
  }
  for (const [name, lines] of existing) {
    if (chunks.has(name)) continue;
    // A name now taken outside would make the file's section appear twice, which botocore refuses to read.
    if (options.prune || outside.has(name)) plan.removed.push(name);
    else {
      plan.stale.push(name);
      chunks.set(name, lines);
    }
  }
  if (split.inner === undefined && chunks.size === 0) return plan;
  const { eol } = split;
  const names = [...chunks.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const body = names.flatMap((name, i) => [...(i > 0 ? [''] : []), ...chunks.get(name)!]);
  const block = [BEGIN_MARKER, HEADER_NOTE, ...body, END_MARKER].join(eol) + eol;
  const before = split.before === '' || split.before.endsWith('\n') ? split.before : split.before + eol;
  plan.text = before + block + split.after;
  plan.changed = plan.text !== text;
  return plan;
}

/** The names of the profiles in a config file's RoleTray block (none when it has no block, or a broken one). */
export function roletrayProfileNames(text: string): Set<string> {
  try {
    return new Set(blockProfiles(splitAtBlock(text, '').inner ?? []).keys());
  } catch {
    return new Set();
  }
}
