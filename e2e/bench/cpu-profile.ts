// Summaries of a V8 .cpuprofile (node --cpu-prof) for the bench's output: where the samples' self
// time went, by function and by what loaded it (a Node internal module, a chunk of the bundle).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time by function, largest first: [label, ms]. */
  functions: [string, number][];
  /** Self time by script (a bundle chunk, a Node internal, or a V8 category such as "(garbage collector)"). */
  scripts: [string, number][];
  /** Self time by who wrote the code: each npm package, RoleTray's own sources, Node's own modules, V8. */
  packages: [string, number][];
}

/** Who wrote a frame's code: an npm package by name, the program's own sources, Node itself, or V8's own work ("(program)", "(garbage collector)"). */
function packageOf(original: string | undefined, url: string, functionName: string): string {
  if (original) return /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(original)?.[1] ?? 'own sources (outside node_modules)';
  if (url.startsWith('node:')) return "Node's own modules (node:*)";
  if (url) return 'bundler runtime and unmapped code';
  return `V8 ${functionName || '(unnamed)'}`;
}

const script = (url: string, fn: string) => (url ? url.replace(/^file:\/\/.*\/dist\//, 'dist/').replace(/^node:internal\//, 'node:') : fn);

/** The bundle's source maps (written beside each chunk), so that minified frames read as the sources they came from. */
function sourceMaps() {
  const maps = new Map<string, SourceMap | undefined>();
  return (url: string): SourceMap | undefined => {
    if (!url.startsWith('file://')) return undefined;
    if (!maps.has(url)) {
      const file = `${fileURLToPath(url)}.map`;
      maps.set(url, existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8'))) : undefined);
    }
    return maps.get(url);
  };
}

/** node_modules/koa/lib/application.js → koa/lib/application.js; ../../main/server/routes.ts → main/server/routes.ts. */
const sourceName = (source: string) => source.replace(/^.*node_modules\//, '').replace(/^(\.\.\/)+/, '');

/** The one profile a process wrote into `dir`. */
export function readProfile(dir: string): Profile {
  const [file] = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
}

export function summariseProfile(profile: Profile, top = 8): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const functions = new Map<string, number>();
  const scripts = new Map<string, number>();
  const packages = new Map<string, number>();
  const mapOf = sourceMaps();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const { functionName, url, lineNumber, columnNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') return;
    total += us;
    const map = mapOf(url);
    const entry = map?.findEntry(lineNumber, columnNumber);
    const original = entry && 'originalSource' in entry && entry.originalSource ? entry : undefined;
    // A mapped chunk's code with no source is esbuild's own: require(), module wrappers, __toESM.
    const where = original ? sourceName(original.originalSource) : `${script(url, functionName)}${map ? ' (bundler runtime)' : ''}`;
    const name = (original as { name?: string } | undefined)?.name ?? functionName;
    const fn = url ? `${name || '(anonymous)'} ${where}:${(original?.originalLine ?? lineNumber) + 1}` : functionName;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
    scripts.set(where, (scripts.get(where) ?? 0) + us);
    const pkg = packageOf(original?.originalSource, url, functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
  });
  const largest = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]): [string, number] => [k, us / 1000]);
  return { totalMs: total / 1000, functions: largest(functions), scripts: largest(scripts), packages: largest(packages) };
}

/** The summary as lines for a console: busy time, then the top entries with their share of it. */
export function formatProfile(s: ProfileSummary, indent = '  '): string[] {
  const row = ([label, ms]: [string, number]) => `${indent}  ${ms.toFixed(1).padStart(7)} ms ${((100 * ms) / s.totalMs).toFixed(0).padStart(3)}%  ${label}`;
  return [
    `${indent}busy ${s.totalMs.toFixed(0)} ms; self time by package:`,
    ...s.packages.map(row),
    `${indent}by script:`,
    ...s.scripts.map(row),
    `${indent}by function:`,
    ...s.functions.map(row),
  ];
}
