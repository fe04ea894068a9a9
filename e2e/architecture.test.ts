import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkArchitecture, readImportGraph } from '../test-support/architecture';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('the tree keeps its architecture', () => {
  it('breaks no layering rule: no cycles, Electron only in the shell, a pure shared layer, no test code in production', () => {
    const graph = readImportGraph(ROOT);
    // The reader really saw the tree (a broken reader would find nothing to complain about).
    expect(graph.size).toBeGreaterThan(150);
    expect(graph.get('preload/index.ts')?.some((i) => i.specifier === 'electron')).toBe(true);
    expect(checkArchitecture(graph)).toEqual([]);
  });
});

describe('each rule fails on a planted violation', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** A small tree of files with the given contents, and what the checker says of it. */
  function plant(files: Record<string, string>): string[] {
    dir = mkdtempSync(join(tmpdir(), 'roletray-arch-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return checkArchitecture(readImportGraph(dir));
  }

  it('a cycle between two files', () => {
    expect(plant({ 'main/app/a.ts': "import { b } from './b';\nexport const a = 1;", 'main/app/b.ts': "import type { A } from './a';\nexport const b = 2;" })).toEqual([
      'import cycle between files: main/app/a.ts ↔ main/app/b.ts',
    ]);
  });

  it('a cycle between folders of main/ without a file cycle', () => {
    expect(
      plant({
        'main/sso/load.ts': "import { slots } from '../credentials/slots';",
        'main/credentials/slots.ts': 'export const slots = 1;',
        'main/credentials/refresh.ts': "import { backoff } from '../sso/backoff';",
        'main/sso/backoff.ts': 'export const backoff = 1;',
      }),
    ).toEqual(['import cycle between folders of main/: main/credentials ↔ main/sso']);
  });

  it('Electron or electron-store outside main/electron/ and preload/', () => {
    expect(
      plant({
        'main/tray/menu.ts': "import { Menu } from 'electron';",
        'main/settings/store.ts': "const Store = require('electron-store');",
        'main/electron/app.ts': "import { app } from 'electron';",
        'preload/index.ts': "import { contextBridge } from 'electron';",
      }),
    ).toEqual(['electron imported outside main/electron/ and preload/: main/tray/menu.ts', 'electron-store imported outside main/electron/ and preload/: main/settings/store.ts']);
  });

  it('the renderer reaching into main/', () => {
    expect(
      plant({
        'renderer/src/Screen.tsx': "import { roleKeyOf } from '../../main/app/role-key';\nimport type { AppState } from '../../preload/api';\nimport { ok } from '../../common/result';",
        'main/app/role-key.ts': 'export const roleKeyOf = 1;',
        'preload/api.ts': 'export type AppState = {};',
        'common/result.ts': 'export const ok = 1;',
      }),
    ).toEqual(['the renderer imports outside itself, common/ and preload/api.ts: renderer/src/Screen.tsx → main/app/role-key.ts']);
  });

  it('production code importing test code', () => {
    expect(
      plant({
        'main/sso/clients.ts': "import { startSsoStandin } from '../../test-support/sso-standin';",
        'test-support/sso-standin.ts': 'export const startSsoStandin = 1;',
        'main/sso/clients.test.ts': "import { startSsoStandin } from '../../test-support/sso-standin';",
      }),
    ).toEqual(['production code imports test code: main/sso/clients.ts → test-support/sso-standin.ts']);
  });

  it('the shared layer importing Node, a package or main/', () => {
    expect(
      plant({
        'common/time.ts': "import { join } from 'node:path';\nimport { x } from '../main/app/x';",
        'main/app/x.ts': 'export const x = 1;',
      }),
    ).toEqual(['common/ imports a package or Node built-in ("node:path"): common/time.ts', 'common/ imports outside common/: common/time.ts → main/app/x.ts']);
  });

  it('an import that points at no file, and not one inside a comment', () => {
    expect(plant({ 'main/app/a.ts': "// import { gone } from './gone';\nimport { moved } from './moved';" })).toEqual([
      'an import that resolves to no file: main/app/a.ts → ./moved',
    ]);
  });
});
