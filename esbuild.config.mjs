// Bundles the Node/Electron entry points. The renderer is built by Vite (renderer/vite.config.ts).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { chmod } from 'node:fs/promises';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
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
