import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { startHeadlessCore } from '../../test-support/app-core-harness';
import { recordingIo } from './cli-test-io';
import { tls } from './tls-commands';
import { token } from './token-commands';
import type { AppCoreDeps } from '../app/core-types';

const HOUR = 3_600_000;
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roletray-serve-config-'));
});

function creds(expiration: number) {
  return { accessKeyId: 'ASIAEXAMPLEEXAMPLE01', secretAccessKey: 's', sessionToken: 't', expiration, accountId: '012345678901', roleName: 'Admin' };
}

/** The core as `roletray serve` builds it from the test's configuration directory. */
const serveCore = (now: () => number = Date.now, extra: Partial<AppCoreDeps> = {}) => startHeadlessCore(dir, { now, ...extra });

describe('what roletray serve starts with (the configuration directory)', () => {
  it('brings back the saved token, TLS pair and slots after a restart, minus expired slots', async () => {
    await token(['--config-dir', dir, '--bearer-token', '-', '--token-file', join(dir, 'token')], recordingIo({}, 'saved-token-0123456789'));
    await tls(['generate', '--config-dir', dir], recordingIo());

    let now = Date.now();
    const one = await serveCore(() => now);
    expect(one.state().server).toMatchObject({ https: true, auth: true, caFile: join(dir, 'roletray-ca.pem'), tokenFile: join(dir, 'token') });
    one.service.slots.load('', { profileName: 'dev:Admin', credentials: creds(now + 2 * HOUR) });
    one.service.slots.load('short', { profileName: 'short', credentials: creds(now + 10 * 60_000) });
    await one.stop();

    now += 30 * 60_000;
    const two = await serveCore(() => now);
    try {
      expect(two.service.slots.all().map((s) => s.name)).toEqual(['']);
      expect(two.state().notices.map((n) => n.message)).toEqual(['1 saved slot has expired since the last run and was dropped.']);
      expect(two.service.token.accepts('saved-token-0123456789')).toBe(true);
      expect(two.service.token.accepts(undefined)).toBe(false);
      expect(two.state().server.https).toBe(true);
      expect(await readFile(join(dir, 'token'), 'utf8')).toBe('saved-token-0123456789');
    } finally {
      await two.stop();
    }
  });

  it('applies command-line overrides for this run only', async () => {
    await tls(['generate', '--config-dir', dir], recordingIo());
    const core = await serveCore(Date.now, { overrides: { token: 'override-token-0123456789', disableTls: true } });
    try {
      expect(core.state().server.https).toBe(false);
      expect(core.service.token.accepts('override-token-0123456789')).toBe(true);
      expect(core.state().server.tokenFile).toBeNull();
    } finally {
      await core.stop();
    }
    const status = recordingIo();
    await token(['--config-dir', dir, '--json'], status);
    expect(JSON.parse(status.out)).toMatchObject({ auth: false });
  });

  it('reports a broken settings file and container access that cannot be on', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ version: 1, port: 'x', containerAccess: { enabled: true, address: '127.0.0.2' } }));
    const core = await serveCore();
    try {
      const notices = core.state().notices.map((n) => n.message);
      expect(notices).toHaveLength(2);
      expect(notices[0]).toMatch(/moved to .*settings\.json\.broken-.*port: must be a whole number/);
      // The first start generated the token, so only TLS is missing.
      expect(notices[1]).toBe('Container access is off until TLS is on.');
      expect(core.service.server.status().addresses).toEqual(['127.0.0.1']);
    } finally {
      await core.stop();
    }
  });

  it('changes made through the operations reach the running server and the disk', async () => {
    const core = await serveCore();
    try {
      const port = core.state().server.port;
      expect((await core.ops.generateTls()).ok).toBe(true);
      expect(core.service.server.status()).toMatchObject({ https: true, port });
      expect((await core.ops.generateToken()).ok).toBe(true);
      const revealed = await core.ops.revealToken();
      const value = revealed.ok ? revealed.value : '';
      expect(core.service.token.accepts(value)).toBe(true);
      const status = recordingIo();
      await token(['--config-dir', dir, '--show'], status);
      expect(status.out.trim()).toBe(value);
    } finally {
      await core.stop();
    }
  });
});
