// Builds dist/bin/roletray (roletray.exe on Windows): the command line as a Node single executable
// application, so the installed desktop app ships a `roletray` that needs no Node on the machine.
// It is made from the node binary running this script, for this platform and architecture, with the
// steps of Node 24's documentation: a preparation blob from --experimental-sea-config, injected by
// postject into a copy of node. Run `npm run build` (or `node esbuild.config.mjs`) first.
import { execFileSync } from 'node:child_process';
import { copyFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import postject from 'postject';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCRIPT = join(ROOT, 'dist', 'sea', 'roletray.cjs');
const OUTPUT = join(ROOT, 'dist', 'bin', process.platform === 'win32' ? 'roletray.exe' : 'roletray');
const SENTINEL_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

function fail(message) {
  console.error(`build-cli-executable: ${message}`);
  process.exit(1);
}

if (!existsSync(SCRIPT)) fail(`${SCRIPT} is missing; run \`npm run build\` first`);
if (!process.config.variables.single_executable_application) {
  fail(`${process.execPath} was built without single executable application support; use an official Node 24 build`);
}

const work = mkdtempSync(join(tmpdir(), 'roletray-sea-'));
try {
  const blob = join(work, 'sea-prep.blob');
  const config = join(work, 'sea-config.json');
  // The code cache is V8's compiled form of the script: the executable starts faster, and it is
  // only valid for this node build, which is the one the executable is made of.
  writeFileSync(config, JSON.stringify({ main: SCRIPT, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true }));
  execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: ['ignore', 'ignore', 'inherit'] });

  mkdirSync(resolve(OUTPUT, '..'), { recursive: true });
  rmSync(OUTPUT, { force: true });
  copyFileSync(process.execPath, OUTPUT);
  chmodSync(OUTPUT, 0o755);
  // macOS: node's signature no longer matches once the blob is in, and arm64 refuses to run an
  // unsigned binary, so the signature comes off before injecting and an ad-hoc one goes on after.
  if (process.platform === 'darwin') execFileSync('codesign', ['--remove-signature', OUTPUT], { stdio: 'inherit' });
  await postject.inject(OUTPUT, 'NODE_SEA_BLOB', readFileSync(blob), {
    sentinelFuse: SENTINEL_FUSE,
    ...(process.platform === 'darwin' ? { machoSegmentName: 'NODE_SEA' } : {}),
  });
  if (process.platform === 'darwin') execFileSync('codesign', ['--sign', '-', OUTPUT], { stdio: 'inherit' });
} finally {
  rmSync(work, { recursive: true, force: true });
}

// The executable must be the command line of this version, not a plain node.
const expected = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
const printed = execFileSync(OUTPUT, ['--version'], { encoding: 'utf8' }).trim();
if (printed !== expected) fail(`${OUTPUT} --version printed "${printed}", expected "${expected}"`);
console.log(`built ${OUTPUT} (roletray ${printed}, node ${process.version} ${process.platform}-${process.arch})`);
