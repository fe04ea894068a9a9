// Bundles the Node/Electron entry points. The renderer is built by Vite (renderer/vite.config.ts).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';

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

// koa's MIME lookups (type-is, accepts) build their maps from all of mime-db's ~2,500 types at
// require time, twice (accepts has its own copy): 280 KB of the serve chunk and ~35 ms of every
// `serve` start. The command line's server names only JSON, text, HTML and octet-stream types, so
// its bundles keep those entries of the real database. The app keeps it whole (it serves the
// renderer's files by their types).
const KEPT_MIME_TYPES = ['application/json', 'application/octet-stream', 'text/html', 'text/plain'];
const mimeSubset = {
  name: 'mime-subset',
  setup(b) {
    b.onLoad({ filter: /[\\/]mime-db[\\/]db\.json$/ }, async (args) => {
      const db = JSON.parse(await readFile(args.path, 'utf8'));
      return { contents: JSON.stringify(Object.fromEntries(KEPT_MIME_TYPES.map((type) => [type, db[type]]))), loader: 'json' };
    });
  },
};

// In an ESM bundle, `import http from 'node:http'` makes Node evaluate every export of the
// builtin for its ESM facade, lazy ones included: node:http's fetch and WebSocket getters load
// undici (~40 ms of a start here). require() leaves them lazy, so the command line's chunks take builtins
// through the bundle's require (the banner below).
const BUILTIN = new RegExp(`^(node:)?(${builtinModules.map((m) => m.replaceAll('/', '\\/')).join('|')})$`);
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(b) {
    b.onResolve({ filter: BUILTIN }, (args) =>
      args.namespace === 'builtin-require' || args.kind === 'require-call' ? { path: args.path, external: true } : { path: args.path, namespace: 'builtin-require' },
    );
    b.onLoad({ filter: /.*/, namespace: 'builtin-require' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});` }));
  },
};

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
