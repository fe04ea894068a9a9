import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonSettingsStore } from '../settings/json-settings-store';
import { generateLocalTls } from '../tls/generate';
import { ServerControl } from './server-control';
import { createCredentialService, type CredentialService } from './service';

let service: CredentialService | undefined;
afterEach(() => service?.server.stop());

const container = { enabled: false, address: '127.0.0.2' };

describe('ServerControl', () => {
  it('keeps the port it was given for "any free port" across restarts, and skips changes that change nothing', async () => {
    service = createCredentialService();
    const control = new ServerControl(service, { port: 0, tls: undefined, tlsDisabled: false, auth: false, container });
    const { port } = await control.start();
    expect(await control.update({ tlsDisabled: true })).toBeUndefined();
    const tls = await generateLocalTls(Date.now());
    expect(await control.update({ tls: { cert: tls.cert, key: tls.key }, tlsDisabled: false })).toMatchObject({ port, https: true });
  });

  it('follows the port, TLS switch and container settings as they are saved', async () => {
    service = createCredentialService();
    const settings = await JsonSettingsStore.open(join(await mkdtemp(join(tmpdir(), 'roletray-control-')), 'settings.json'));
    const tls = await generateLocalTls(Date.now());
    service.token.set('control-token-0123456789');
    const control = new ServerControl(service, { port: 0, tls: { cert: tls.cert, key: tls.key }, tlsDisabled: false, auth: true, container });
    const { port } = await control.start();
    control.followSettings(settings);
    const seen = new Promise((resolve) => service!.server.subscribe(resolve));
    await settings.update({ containerAccess: { enabled: true, address: '127.0.0.2' } });
    await seen;
    expect(service.server.status()).toMatchObject({ port, https: true, addresses: ['127.0.0.1', '127.0.0.2'] });
    const moved = new Promise((resolve) => service!.server.subscribe(resolve));
    await settings.update({ tlsDisabled: true });
    await moved;
    expect(service.server.status()).toMatchObject({ port, https: false, addresses: ['127.0.0.1'] });
  });
});
