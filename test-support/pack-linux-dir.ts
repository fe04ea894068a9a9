// Runs electron-builder's linux `dir` target on the project, as `npx electron-builder --dir` does on a
// desktop, against the stand-in Electron distribution, and keeps what the deb and rpm targets would
// put in their packages (computed by electron-builder's own classes, since fpm cannot be fetched here).
import { Arch, build, Platform, type AfterPackContext, type LinuxPackager } from 'electron-builder';
import FpmTargetModule from 'app-builder-lib/out/targets/FpmTarget.js';
import { LinuxTargetHelper } from 'app-builder-lib/out/targets/LinuxTargetHelper.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronVersion, writeStandInElectronDist } from './stand-in-electron-dist';

/** What a person's system gets from a deb or rpm: its metadata and the script run after install. */
export interface FpmPackage {
  meta: { name: string; maintainer: string; url: string; vendor: string };
  afterInstall: string;
}

export interface PackedLinuxApp {
  /** The temp dir holding the stand-in Electron and electron-builder's output; remove it when done. */
  workDir: string;
  /** The unpacked app (linux-unpacked). */
  appDir: string;
  /** The app's executable, whose fuses electron-builder flipped. */
  executable: string;
  resources: string;
  /** The .desktop file's name (without .desktop) and contents, as the deb, rpm and AppImage install it. */
  desktopFileName: string;
  desktopEntry: string;
  deb: FpmPackage;
  rpm: FpmPackage;
  /** Expands an artifactName pattern as electron-builder does for this build. */
  expand: (pattern: string, ext: string) => string;
}

// The class is a CommonJS default export; interop may hand back the module object instead.
const FpmTarget = ((FpmTargetModule as unknown as { default?: typeof FpmTargetModule }).default ?? FpmTargetModule) as typeof FpmTargetModule;

async function fpmPackage(name: 'deb' | 'rpm', packager: LinuxPackager, outDir: string): Promise<FpmPackage> {
  const target = new FpmTarget(name, packager, new LinuxTargetHelper(packager), outDir);
  const meta = (await target.checkOptions()) as FpmPackage['meta'];
  // The rendered install scripts live in electron-builder's temp dir until the build ends.
  const scripts = await (target as unknown as { scriptFiles: Promise<{ afterInstall: string }> }).scriptFiles;
  return { meta, afterInstall: readFileSync(scripts.afterInstall, 'utf8') };
}

/** Builds the project at `projectDir` (its dist/ must be built) into a fresh temp dir. */
export async function packLinuxDir(projectDir: string): Promise<PackedLinuxApp> {
  const work = mkdtempSync(join(tmpdir(), 'roletray-pack-'));
  let captured: Omit<PackedLinuxApp, 'resources' | 'workDir'> | undefined;
  await build({
    projectDir,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    config: {
      electronDist: writeStandInElectronDist(join(work, 'electron-dist')),
      electronVersion: electronVersion(),
      directories: { output: join(work, 'out') },
      afterPack: async (context: AfterPackContext) => {
        const packager = context.packager as LinuxPackager;
        const helper = new LinuxTargetHelper(packager);
        captured = {
          appDir: context.appOutDir,
          executable: join(context.appOutDir, packager.executableName),
          desktopFileName: helper.getDesktopFileName(),
          desktopEntry: await helper.computeDesktopEntry(packager.platformSpecificBuildOptions),
          deb: await fpmPackage('deb', packager, context.outDir),
          rpm: await fpmPackage('rpm', packager, context.outDir),
          expand: (pattern, ext) => packager.expandMacro(pattern, 'x64', { ext }),
        };
      },
    },
  });
  if (!captured) throw new Error('electron-builder finished without packing the linux app');
  return { ...captured, workDir: work, resources: join(captured.appDir, 'resources') };
}
