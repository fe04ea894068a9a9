// The esbuild plugins of the command line's bundles, shared by esbuild.config.mjs and the start
// bench, which bundles its koa reference the same way so that its floor is koa's, not mime-db's.
import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';

// raw-body loads iconv-lite only to decode non-UTF-8 bodies, which RoleTray never asks of it (it
// decodes UTF-8 strictly itself). Leaving the 550 KB of code tables out cuts the server's start time.
export const noIconv = {
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
export const mimeSubset = {
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
export const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(b) {
    b.onResolve({ filter: BUILTIN }, (args) =>
      args.namespace === 'builtin-require' || args.kind === 'require-call' ? { path: args.path, external: true } : { path: args.path, namespace: 'builtin-require' },
    );
    b.onLoad({ filter: /.*/, namespace: 'builtin-require' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});` }));
  },
};
