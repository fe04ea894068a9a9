// Bundles the Node/Electron entry points. The renderer is built by Vite (renderer/vite.config.ts).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { chmod } from 'node:fs/promises';

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
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: true,
  keepNames: true,
  logLevel: 'warning',
  // Keep the real module shape of ESM-only dependencies working inside the CJS bundle.
  mainFields: ['module', 'main'],
};

const entries = [
  { entryPoints: ['main/cli.ts'], outfile: 'dist/cli.cjs', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['main/electron/app.ts'], outfile: 'dist/main/app.cjs', external: ['electron'] },
  // A sandboxed preload must be a single CommonJS file.
  { entryPoints: ['preload/index.ts'], outfile: 'dist/preload.cjs', external: ['electron'], platform: 'node' },
].filter((e) => existsSync(e.entryPoints[0]));

await Promise.all(entries.map((e) => build({ ...common, ...e })));
await chmod('dist/cli.cjs', 0o755);
