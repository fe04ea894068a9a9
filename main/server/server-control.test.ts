import { afterEach, describe, expect, it } from 'vitest';
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
});
