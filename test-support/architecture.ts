// The layering rules of docs/conventions.md as code: reads every source file's imports and reports
// what breaks a rule. No dependency: a regular expression over the import forms this tree uses.
// e2e/architecture.test.ts runs it over the tree, and over planted trees to show each rule can fail.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface Import {
  specifier: string;
  /** The imported file, relative to the root, for relative imports that resolve. */
  file?: string;
  typeOnly: boolean;
}

export type ImportGraph = Map<string, Import[]>;

const SOURCE = /\.(ts|tsx|mts|cts|cjs|mjs)$/;
const SKIP = new Set(['node_modules', '.git', 'dist', '.tsbuild', 'release', 'test-results', 'playwright-report', 'artifacts']);
// import x from '…' · import type { X } from '…' · export { x } from '…' · import '…' · import('…') · require('…') · vi.mock('…')
const IMPORT = /(?:^|[\s;])(import|export)\s+(type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|\b(?:import|require|vi\.mock)\(\s*['"]([^'"]+)['"]\s*[,)]/g;

function sourceFiles(root: string, dir = root, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(root, path, out);
    else if (SOURCE.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.d.cts')) out.push(relative(root, path).split(sep).join('/'));
  }
  return out;
}

function resolveFile(root: string, from: string, specifier: string): string | undefined {
  const base = resolve(root, dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return relative(root, candidate).split(sep).join('/');
  }
  return undefined;
}

/** Comments out of the way, so an import in a comment is not counted; strings stay as they are. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

export function readImportGraph(root: string): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of sourceFiles(root)) {
    const imports: Import[] = [];
    for (const m of withoutComments(readFileSync(join(root, file), 'utf8')).matchAll(IMPORT)) {
      const specifier = (m[3] ?? m[4])!;
      const typeOnly = m[2] !== undefined;
      const target = specifier.startsWith('.') ? resolveFile(root, file, specifier) : undefined;
      imports.push({ specifier, typeOnly, ...(target ? { file: target } : {}) });
    }
    graph.set(file, imports);
  }
  return graph;
}

const isTest = (file: string) => /\.(test|spec)\.[cm]?tsx?$/.test(file);
/** Tests, their support and the test runners' configuration: none of it ships. */
const isTestCode = (file: string) => isTest(file) || file.startsWith('test-support/') || file.startsWith('e2e/') || /^(playwright|vitest)\.config\.ts$/.test(file);
/** `main/<folder>` for main's folders, else the top-level folder. */
const folderOf = (file: string) => (file.startsWith('main/') && file.split('/').length > 2 ? file.split('/').slice(0, 2).join('/') : file.split('/')[0]!);
const ELECTRON = new Set(['electron', 'electron-store']);

/** Strongly connected groups of more than one node (Tarjan), each listed in a stable order. */
function cycles(edges: Map<string, Set<string>>): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    order.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) === order.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!order.has(v)) visit(v);
  return found;
}

/** Every broken rule, one line each, naming the file and the import. Empty when the tree keeps them all. */
export function checkArchitecture(graph: ImportGraph): string[] {
  const problems: string[] = [];
  const fileEdges = new Map<string, Set<string>>();
  const folderEdges = new Map<string, Set<string>>();

  for (const [file, imports] of graph) {
    const test = isTestCode(file);
    for (const imp of imports) {
      const target = imp.file;
      if (target) {
        if (!fileEdges.has(file)) fileEdges.set(file, new Set());
        fileEdges.get(file)!.add(target);
        if (!test && folderOf(file) !== folderOf(target) && file.startsWith('main/') && target.startsWith('main/')) {
          if (!folderEdges.has(folderOf(file))) folderEdges.set(folderOf(file), new Set());
          folderEdges.get(folderOf(file))!.add(folderOf(target));
        }
        if (!test && isTestCode(target)) problems.push(`production code imports test code: ${file} → ${target}`);
        if (file.startsWith('renderer/') && !test && !(target.startsWith('renderer/') || target.startsWith('common/') || target === 'preload/api.ts')) {
          problems.push(`the renderer imports outside itself, common/ and preload/api.ts: ${file} → ${target}`);
        }
        if (file.startsWith('common/') && !test && !target.startsWith('common/')) problems.push(`common/ imports outside common/: ${file} → ${target}`);
      } else if (!imp.specifier.startsWith('.')) {
        const inShell = file.startsWith('main/electron/') || file.startsWith('preload/');
        if (ELECTRON.has(imp.specifier) && !inShell && !test) problems.push(`${imp.specifier} imported outside main/electron/ and preload/: ${file}`);
        if (file.startsWith('common/') && !test) problems.push(`common/ imports a package or Node built-in ("${imp.specifier}"): ${file}`);
      } else if (!test) {
        // (Test files are left to the compiler here: their planted examples are strings that look like imports.)
        problems.push(`an import that resolves to no file: ${file} → ${imp.specifier}`);
      }
    }
  }
  for (const group of cycles(fileEdges)) problems.push(`import cycle between files: ${group.join(' ↔ ')}`);
  for (const group of cycles(folderEdges)) problems.push(`import cycle between folders of main/: ${group.join(' ↔ ')}`);
  return problems.sort();
}
