import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { packLinuxDir, type PackedLinuxApp } from '../test-support/pack-linux-dir';
import { ELECTRON_45_FUSES } from '../test-support/stand-in-electron-dist';
import { ensureRendererBuilt } from '../test-support/web/renderer-build';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; scripts: Record<string, string> };

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration schema", async () => {
    const config = await getConfig(ROOT, 'electron-builder.yml', null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config).toMatchObject({ appId: 'dev.roletray.app', productName: 'RoleTray', asar: true });
  });

  it('turns off run-as-node and NODE_OPTIONS and turns on asar integrity', async () => {
    const config = await getConfig(ROOT, 'electron-builder.yml', null);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config.mac?.extendInfo).toMatchObject({ LSUIElement: true });
  });
});

describe('the unpacked Linux app, as electron-builder --dir builds it (stand-in Electron binary)', () => {
  let app: PackedLinuxApp;
  let config: Configuration;
  let asar: string;
  let asarFiles: string[];

  beforeAll(async () => {
    ensureRendererBuilt();
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli-executable.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    config = await getConfig(ROOT, 'electron-builder.yml', null);
    app = await packLinuxDir(ROOT);
    asar = join(app.resources, 'app.asar');
    asarFiles = listPackage(asar, { isPack: false }).map((f) => f.replaceAll('\\', '/'));
  }, 120_000);

  afterAll(() => {
    if (app) rmSync(app.workDir, { recursive: true, force: true });
  });

  it('packs the bundles, the renderer and the icons into app.asar, and no node_modules', () => {
    for (const file of ['/dist/main/app.cjs', '/dist/preload.cjs', '/dist/renderer/index.html', '/assets/icon.png', '/assets/tray/idle.png', '/assets/tray/idleTemplate@2x.png', '/package.json']) {
      expect(asarFiles, file).toContain(file);
    }
    expect(asarFiles.filter((f) => f.split('/').includes('node_modules'))).toEqual([]);
    expect(asarFiles.filter((f) => f.endsWith('.map'))).toEqual([]);
    // The whole app is its bundles: a few MB, where node_modules alone were 18 MB.
    expect(statSync(asar).size).toBeLessThan(8 * 1024 * 1024);
  });

  it("package.json's main is the main bundle inside the asar, and desktopName is set for Electron to read", () => {
    const pkg = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as { main: string; version: string; desktopName?: string };
    expect(asarFiles).toContain(`/${pkg.main.replace(/^\.?\//, '')}`);
    expect(extractFile(asar, pkg.main).toString('utf8').length).toBeGreaterThan(1000);
    expect(pkg.version).toBe(PKG.version);
    expect(pkg.desktopName).toBe('roletray.desktop');
  });

  it('flips the fuses electron-builder.yml sets, leaving the others at their Electron 45 defaults', async () => {
    const wire = await getCurrentFuseWire(app.executable);
    const flipped = [...ELECTRON_45_FUSES].map((_, i) => String.fromCharCode(wire[i as FuseV1Options]!));
    const expected = [...ELECTRON_45_FUSES];
    for (const [name, on] of Object.entries(config.electronFuses ?? {})) {
      if (name === 'resetAdHocDarwinSignature') continue;
      const index = FuseV1Options[(name[0]!.toUpperCase() + name.slice(1)) as keyof typeof FuseV1Options];
      expect(index, `fuse ${name}`).toBeTypeOf('number');
      expected[index] = on ? '1' : '0';
    }
    expect(flipped.join('')).toBe(expected.join(''));
    // The ones that matter most, spelled out: no ELECTRON_RUN_AS_NODE, no NODE_OPTIONS, no --inspect,
    // only the asar, and no extra file:// privileges (the renderer is on roletray://).
    expect(flipped[FuseV1Options.RunAsNode]).toBe('0');
    expect(flipped[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe('0');
    expect(flipped[FuseV1Options.EnableNodeCliInspectArguments]).toBe('0');
    expect(flipped[FuseV1Options.OnlyLoadAppFromAsar]).toBe('1');
    expect(flipped[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe('0');
    expect(config.electronFuses?.resetAdHocDarwinSignature).toBe(true);
  });

  it('ships the command line at resources/bin/roletray, which prints the version with no Node on the PATH', () => {
    const cli = join(app.resources, 'bin', 'roletray');
    expect(statSync(cli).mode & 0o111).not.toBe(0);
    const env = { PATH: '/nonexistent', HOME: app.appDir };
    expect(execFileSync(cli, ['--version'], { env, encoding: 'utf8' }).trim()).toBe(PKG.version);
    expect(execFileSync(cli, ['--help'], { env, encoding: 'utf8' })).toContain('Usage: roletray <command>');
  });

  it('installs roletray.desktop with StartupWMClass roletray: the WM_CLASS and Wayland app id Electron derives from desktopName', () => {
    expect(app.desktopFileName).toBe('roletray');
    const entry = Object.fromEntries(app.desktopEntry.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    expect(entry).toMatchObject({ Name: 'RoleTray', StartupWMClass: 'roletray', Exec: '/opt/RoleTray/roletray-desktop %U', Categories: 'Development;' });
  });

  it("gives deb and rpm a maintainer and homepage, and keeps /usr/bin/roletray free for the command line", () => {
    for (const pkg of [app.deb, app.rpm]) {
      expect(pkg.meta.maintainer).toMatch(/^.+ <[^\s@]+@[^\s@]+\.[a-z]+>$/);
      expect(pkg.meta.url).toMatch(/^https:\/\//);
      expect(pkg.afterInstall).toContain("'/usr/bin/roletray-desktop'");
      expect(pkg.afterInstall).not.toContain("'/usr/bin/roletray'");
    }
    expect(config.linux?.target).toEqual(expect.arrayContaining(['AppImage', 'deb', 'rpm']));
  });

  it('names every installer without spaces', () => {
    // electron-builder's own defaults where no artifactName is set: NSIS's has spaces.
    const defaults = { nsis: '${productName} Setup ${version}.${ext}', dmg: '${productName}-${version}-${arch}.${ext}', deb: '${name}_${version}_${arch}.${ext}', rpm: '${name}-${version}.${arch}.${ext}', appImage: '${productName}-${version}-${arch}.${ext}' };
    const platformOf = { nsis: 'win', dmg: 'mac', deb: 'linux', rpm: 'linux', appImage: 'linux' } as const;
    const c = config as Record<string, { artifactName?: string | null } | undefined> & { artifactName?: string | null };
    for (const [target, fallback] of Object.entries(defaults)) {
      const pattern = c[target]?.artifactName ?? c[platformOf[target as keyof typeof platformOf]]?.artifactName ?? c.artifactName ?? fallback;
      expect(app.expand(pattern, target), target).not.toMatch(/\s/);
    }
  });

  it('installs per user on Windows (no administrator prompt)', () => {
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false });
  });
});

describe('scripts/build-cli-executable.mjs', () => {
  it('refuses with the reason, and builds nothing, when the one-file CLI bundle is not built', () => {
    const project = mkdtempSync(join(tmpdir(), 'roletray-no-bundle-'));
    try {
      mkdirSync(join(project, 'scripts'));
      copyFileSync(join(ROOT, 'scripts', 'build-cli-executable.mjs'), join(project, 'scripts', 'build-cli-executable.mjs'));
      symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'));
      const run = spawnSync(process.execPath, [join(project, 'scripts', 'build-cli-executable.mjs')], { encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stderr.trim()).toBe(`build-cli-executable: ${join(project, 'dist', 'sea', 'roletray.cjs')} is missing; run \`npm run build\` first`);
      expect(() => statSync(join(project, 'dist', 'bin'))).toThrow(/ENOENT/);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});

describe('.github/workflows/desktop.yml', () => {
  type Step = { run?: string; uses?: string; with?: Record<string, unknown>; env?: Record<string, string> };
  const workflow = parse(readFileSync(join(ROOT, '.github', 'workflows', 'desktop.yml'), 'utf8')) as {
    on: unknown;
    jobs: Record<string, { 'runs-on': string; strategy?: { matrix?: { os?: string[] } }; steps: Step[] }>;
  };
  const jobs = Object.values(workflow.jobs);
  const steps = jobs.flatMap((j) => j.steps);
  const runs = steps.flatMap((s) => (s.run ? [s.run] : []));

  it('runs on Linux, macOS and Windows with the Node version in .nvmrc', () => {
    const oses = jobs.flatMap((j) => j.strategy?.matrix?.os ?? [j['runs-on']]);
    expect(oses).toEqual(expect.arrayContaining(['ubuntu-latest', 'macos-latest', 'windows-latest']));
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with).toMatchObject({ 'node-version-file': '.nvmrc' });
  });

  it('calls only npm scripts that exist', () => {
    const called = runs.flatMap((r) => [...r.matchAll(/npm run ([\w:.-]+)/g)].map((m) => m[1]!));
    expect(called.length).toBeGreaterThan(0);
    for (const script of called) expect(Object.keys(PKG.scripts), `npm run ${script}`).toContain(script);
  });

  it('runs the Electron specs under xvfb on Linux, then builds the unpacked app and its command line and smoke-tests them', () => {
    const all = runs.join('\n');
    expect(all).toMatch(/npm ci/);
    expect(all).toMatch(/install-electron[^\n]*\n[^\n]*node_modules\/electron\/path\.txt/);
    expect(all).toMatch(/xvfb-run[^\n]*playwright test --project=electron/);
    expect(all).toMatch(/electron-builder --dir/);
    expect(all).toMatch(/npm run build:cli-exe/);
    expect(all).toMatch(/e2e\/electron\/packaged\.spec\.ts/);
    expect(steps.some((s) => s.env?.ROLETRAY_PACKAGED_APP !== undefined || /ROLETRAY_PACKAGED_APP/.test(s.run ?? ''))).toBe(true);
  });
});
