// Bundles the Node/Electron entry points. The renderer is built by Vite (renderer/vite.config.ts).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { chmod, rm, writeFile } from 'node:fs/promises';

// raw-body loads iconv-lite only to decode non-UTF-8 bodies, which RoleTray never asks of it (it
// decodes UTF-8 strictly itself). Leaving the 550 KB of code tables out cuts the server's start time.
const noIconv = {
  name: 'no-iconv',
  setup(b) {
    b.onResolve({ filter: /^iconv-lite$/ }, () => ({ path: 'iconv-lite', namespace: 'no-iconv' }));
    b.onLoad({ filter: /.*/, namespace: 'no-iconv' }, () => ({
      contents: 'module.exports = { getDecoder() { throw new Error("only UTF-8 bodies are read"); } };',
    }));
  },
};

const common = {
  plugins: [noIconv],
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: true,
  minify: true,
  keepNames: true,
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
  { entryPoints: ['main/cli/sea-main.ts'], outfile: 'dist/sea/roletray.cjs', sourcemap: false },
].filter((e) => existsSync(e.entryPoints[0]));

// The command line is ESM split into chunks, so each command reads and compiles only what it uses
// (`roletray list` never loads the server, `serve` never loads the AWS SDK until someone signs in).
// dist/cli.cjs is the bin: a two-line loader, so `node dist/cli.cjs` and `npx roletray` both work.
const cli = {
  ...common,
  entryPoints: { main: 'main/cli/main.ts' },
  outdir: 'dist/cli',
  outExtension: { '.js': '.mjs' },
  format: 'esm',
  splitting: true,
  // Bundled CommonJS dependencies (koa, ...) still call require().
  banner: { js: "import { createRequire as __roletrayRequire } from 'node:module'; const require = __roletrayRequire(import.meta.url);" },
};

await rm('dist/cli', { recursive: true, force: true });
await Promise.all([build(cli), ...entries.map((e) => build({ ...common, ...e }))]);
await writeFile('dist/cli.cjs', "#!/usr/bin/env node\nimport('./cli/main.mjs');\n", { mode: 0o755 });
await chmod('dist/cli.cjs', 0o755);
