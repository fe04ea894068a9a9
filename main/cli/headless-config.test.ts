import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCredentialService } from '../server/service';
import { recordingIo } from './cli-test-io';
import { openHeadlessConfig, startFromConfig } from './headless-config';
import { tls } from './tls-commands';
import { token } from './token-commands';

const HOUR = 3_600_000;
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roletray-serve-config-'));
});

function creds(expiration: number) {
  return { accessKeyId: 'ASIAEXAMPLEEXAMPLE01', secretAccessKey: 's', sessionToken: 't', expiration, accountId: '012345678901', roleName: 'Admin' };
}

describe('startFromConfig (what roletray serve starts with)', () => {
  it('brings back the saved token, TLS pair and slots after a restart, minus expired slots', async () => {
    await token(['--config-dir', dir, '--bearer-token', 'saved-token-0123456789', '--token-file', join(dir, 'token')], recordingIo());
    await tls(['generate', '--config-dir', dir], recordingIo());

    let now = Date.now();
    const first = createCredentialService({ now: () => now });
    const one = await startFromConfig(first, await openHeadlessConfig(dir, () => now), { port: 0 });
    expect(one.listening.https).toBe(true);
    expect(one.caFile).toBe(join(dir, 'roletray-ca.pem'));
    expect(one.tokenFile).toBe(join(dir, 'token'));
    first.slots.load('', { profileName: 'dev:Admin', credentials: creds(now + 2 * HOUR) });
    first.slots.load('short', { profileName: 'short', credentials: creds(now + 10 * 60_000) });
    await one.stop();

    now += 30 * 60_000;
    const second = createCredentialService({ now: () => now });
    const two = await startFromConfig(second, await openHeadlessConfig(dir, () => now), { port: 0 });
    try {
      expect(second.slots.all().map((s) => s.name)).toEqual(['']);
      expect(two.notices).toEqual(['1 saved slot has expired since the last run and was dropped.']);
      expect(second.token.accepts('saved-token-0123456789')).toBe(true);
      expect(second.token.accepts(undefined)).toBe(false);
      expect(two.listening.https).toBe(true);
      expect(await readFile(join(dir, 'token'), 'utf8')).toBe('saved-token-0123456789');
    } finally {
      await two.stop();
    }
  });

  it('applies command-line overrides for this run only, and --generate-cert puts the CA in DIR', async () => {
    const out = await mkdtemp(join(tmpdir(), 'roletray-gen-'));
    const service = createCredentialService();
    const run = await startFromConfig(service, await openHeadlessConfig(dir), { port: 0, token: 'override-token-0123456789', generateCertDir: out, disableTls: true });
    try {
      expect(run.listening.https).toBe(false);
      expect(await readFile(join(out, 'roletray-ca.pem'), 'utf8')).toMatch(/BEGIN CERTIFICATE/);
      expect(service.token.accepts('override-token-0123456789')).toBe(true);
      expect(run.tokenFile).toBeUndefined();
    } finally {
      await run.stop();
    }
    const status = recordingIo();
    await token(['--config-dir', dir, '--json'], status);
    expect(JSON.parse(status.out)).toMatchObject({ auth: false });
  });

  it('reports a broken settings file and container access that cannot be on', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ version: 1, port: 'x', containerAccess: { enabled: true, address: '127.0.0.2' } }));
    const service = createCredentialService();
    const run = await startFromConfig(service, await openHeadlessConfig(dir), { port: 0 });
    try {
      expect(run.notices).toHaveLength(2);
      expect(run.notices[0]).toMatch(/moved to .*settings\.json\.broken-.*port: must be a whole number/);
      expect(run.notices[1]).toBe('Container access is off until TLS and a bearer token are on.');
      expect(service.server.status().addresses).toEqual(['127.0.0.1']);
    } finally {
      await run.stop();
    }
  });

  it('changes made through the returned services reach the running server and the disk', async () => {
    const service = createCredentialService();
    const run = await startFromConfig(service, await openHeadlessConfig(dir), { port: 0 });
    try {
      const port = run.listening.port;
      await run.tls.generate();
      expect(service.server.status()).toMatchObject({ https: true, port });
      const value = await run.tokens.generate();
      expect(service.token.accepts(value)).toBe(true);
      const status = recordingIo();
      await token(['--config-dir', dir, '--show'], status);
      expect(status.out.trim()).toBe(value);
    } finally {
      await run.stop();
    }
  });
});
