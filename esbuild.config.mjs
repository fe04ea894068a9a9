// Bundles the Node/Electron entry points. The renderer is built by Vite (renderer/vite.config.ts).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { chmod, rm, writeFile } from 'node:fs/promises';
import { builtinsByRequire, mimeSubset, noIconv } from './scripts/esbuild-plugins.mjs';

const common = {
  plugins: [noIconv],
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: true,
  // No keepNames: it wraps every function made at run time in an Object.defineProperty call, per
  // request in koa and on-finished (~6% of the server's CPU under load). Errors set their own `name`.
  minify: true,
  logLevel: 'warning',
  // A native binding, loaded from node_modules when it is there (main/secrets/keychain.ts).
  external: ['@napi-rs/keyring'],
  // Keep the real module shape of ESM-only dependencies working inside the CJS bundle.
  mainFields: ['module', 'main'],
};

const entries = [
  { entryPoints: ['main/electron/app.ts'], outfile: 'dist/main/app.cjs', external: ['electron', '@napi-rs/keyring'] },
  // A sandboxed preload must be a single CommonJS file.
  { entryPoints: ['preload/index.ts'], outfile: 'dist/preload.cjs', external: ['electron', '@napi-rs/keyring'], platform: 'node' },
  // The command line as ONE CommonJS file: a Node single executable application embeds a single
  // script (scripts/build-cli-executable.mjs turns it into dist/bin/roletray, shipped with the app).
  { entryPoints: ['main/cli/sea-main.ts'], outfile: 'dist/sea/roletray.cjs', sourcemap: false, plugins: [noIconv, mimeSubset] },
].filter((e) => existsSync(e.entryPoints[0]));

// The command line is ESM split into chunks, so each command reads and compiles only what it uses
// (`roletray list` never loads the server, `serve` never loads the AWS SDK until someone signs in).
// dist/cli.cjs is the bin: a two-line loader, so `node dist/cli.cjs` and `npx roletray` both work.
const cli = {
  ...common,
  plugins: [noIconv, mimeSubset, builtinsByRequire],
  entryPoints: { main: 'main/cli/main.ts' },
  outdir: 'dist/cli',
  outExtension: { '.js': '.mjs' },
  format: 'esm',
  splitting: true,
  // Bundled CommonJS dependencies (koa, ...) and the builtins still call require(); node:module is
  // taken without its ESM facade too (that would load source maps).
  banner: { js: "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);" },
};

await rm('dist/cli', { recursive: true, force: true });
await Promise.all([build(cli), ...entries.map((e) => build({ ...common, ...e }))]);
// Node's compile cache keeps the chunks' compiled code between runs (in the OS temp folder, per Node
// version): a command's start then skips compiling what it loads.
await writeFile('dist/cli.cjs', "#!/usr/bin/env node\nrequire('node:module').enableCompileCache?.();\nimport('./cli/main.mjs');\n", { mode: 0o755 });
await chmod('dist/cli.cjs', 0o755);
