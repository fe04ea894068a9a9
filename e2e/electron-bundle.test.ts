import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../test-support/free-port';
import { rawRequest } from '../test-support/http';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const READY = /"message":"ready","server":"([^"]+)"/;

// The real bundled Electron main (what the installers ship), started in plain Node with a stand-in
// for the electron module: it must load, serve, and shut down cleanly. Electron itself is tested by
// e2e/electron/*.spec.ts where its binary exists.
describe('the bundled Electron main (dist/main/app.cjs)', () => {
  let fakeElectron: string;

  // The stand-in is TypeScript (typed against Electron's own types); `node --require` needs it as one CommonJS file.
  beforeAll(async () => {
    fakeElectron = join(mkdtempSync(join(tmpdir(), 'roletray-fake-electron-')), 'fake-electron.cjs');
    await build({ entryPoints: [join(ROOT, 'test-support/fake-electron-require.ts')], outfile: fakeElectron, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
  });

  it('starts, serves on the configured port, and closes the server on quit', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'roletray-bundle-'));
    const port = await freePort();
    writeFileSync(join(userData, 'settings.json'), JSON.stringify({ version: 1, port }));
    const logs = join(userData, 'logs');
    const child = spawn(process.execPath, ['--require', fakeElectron, join(ROOT, 'dist/main/app.cjs')], {
      env: { ...process.env, FAKE_ELECTRON_USER_DATA: userData, FAKE_ELECTRON_LOGS: logs, HOME: userData },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // The app's readiness marker, or its exit, or ten seconds without either: whichever comes first.
    const ready = new Promise<string | undefined>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        log += d.toString();
        const marker = READY.exec(log);
        if (marker) resolve(marker[1]);
      });
      void exited.then(() => resolve(undefined));
      setTimeout(() => resolve(undefined), 10_000).unref();
    });
    try {
      expect(await ready, log).toBe(`http://127.0.0.1:${port}/`);
      expect((await rawRequest(port, { path: '/healthcheck' })).json).toMatchObject({ status: 'ok' });
      // A token from the first start: an unauthenticated read is refused, not answered.
      const unauthenticated = await rawRequest(port, { path: '/' });
      expect(unauthenticated.status).toBe(403);
      expect(unauthenticated.json.message).toBe('Invalid authorization token');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    await expect(rawRequest(port, { path: '/healthcheck' })).rejects.toThrow(/ECONNREFUSED/);
    expect(log).not.toMatch(/"level":"error"/);
    // The same lines went to the log file the "Reveal logs" item shows.
    expect(readFileSync(join(logs, 'roletray.log'), 'utf8')).toContain(`"message":"ready","server":"http://127.0.0.1:${port}/"`);
  });
});
