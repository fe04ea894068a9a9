import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort } from '../test-support/free-port';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const installed = existsSync(join(ROOT, 'node_modules/electron/path.txt'));

describe('npm start where Electron cannot be downloaded', () => {
  it.skipIf(installed)("says what failed and what works without Electron, in RoleTray's words, and exits 1", async () => {
    const cache = mkdtempSync(join(tmpdir(), 'roletray-electron-cache-'));
    try {
      // A mirror on a loopback port nothing listens on: the download fails at once, as offline.
      const mirror = `http://127.0.0.1:${await freePort()}/`;
      const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_MIRROR: mirror, electron_config_cache: cache };
      delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
      const run = spawnSync(process.execPath, ['scripts/start-desktop.mjs'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
      expect(run.status).toBe(1);
      expect(run.stderr).toBe(
        [
          `RoleTray could not start: Electron's binary could not be downloaded from ${mirror} (TypeError: fetch failed).`,
          'If this machine reaches the internet only through a mirror, set ELECTRON_MIRROR to its Electron',
          'download address and run npm start again.',
          'Without Electron, the same RoleTray runs headless: npm run serve (the credential server and the',
          'roletray command line), or npm run dev:web (the window in your browser, against a local stand-in).',
          '',
        ].join('\n'),
      );
      expect(run.stdout).toBe("Fetching Electron's binary (first start only)…\n");
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
