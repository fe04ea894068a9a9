import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../main/secrets/secret-store';
import { DOCKER_HOST } from '../main/server/container-access';
import { ServerControl } from '../main/server/server-control';
import { createCredentialService, type CredentialService } from '../main/server/service';
import { TlsService } from '../main/tls/tls-service';
import { TokenService } from '../main/token/token-service';
import { makeCreds } from '../test-support/credentials';

// 127.0.0.2 stands in for the Docker bridge address: a second address on this machine that
// only a deliberately bound listener answers on.
const BRIDGE = '127.0.0.2';

describe('container access on an extra address', () => {
  let service: CredentialService;
  let control: ServerControl;
  let tls: TlsService;
  let tokens: TokenService;
  let port: number;
  let ca: string;
  const creds = makeCreds();

  beforeAll(async () => {
    service = createCredentialService();
    control = new ServerControl(service, { port: 0, tls: undefined, tlsDisabled: false, auth: false, container: { enabled: true, address: BRIDGE } });
    const secrets = new MemorySecretStore();
    tls = new TlsService({ secrets, now: Date.now, onChange: (material) => control.update({ tls: material }) });
    tokens = new TokenService({ secrets, token: service.token, setAuth: (on) => control.update({ auth: on }) });
    port = (await control.start()).port;
    service.slots.load('', { profileName: 'dev:Admin', credentials: creds });
  });
  afterAll(() => service.server.stop());

  /** A container's request: to the bridge address, naming host.docker.internal, trusting the exported CA. */
  function fromContainer(token: string | undefined): Promise<{ status: number; body: string } | { error: string }> {
    return new Promise((resolve) => {
      const req = https.request(
        { host: BRIDGE, port, path: '/', servername: DOCKER_HOST, ca, agent: false, headers: { host: `${DOCKER_HOST}:${port}`, ...(token ? { authorization: token } : {}) } },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
      req.end();
    });
  }

  it('stays off while TLS or the token is missing, and says why', async () => {
    expect(service.server.status().addresses).toEqual(['127.0.0.1']);
    expect(control.plan().containerOff).toBe('Container access is off until TLS and a bearer token are on.');
    ca = (await tls.generate()).caCert;
    expect(service.server.status().addresses).toEqual(['127.0.0.1']);
    expect(control.plan().containerOff).toBe('Container access is off until a bearer token is on.');
    expect(await fromContainer(undefined)).toEqual({ error: 'ECONNREFUSED' });
  });

  it('is served once both are on, over https with the token, slots intact', async () => {
    const token = await tokens.generate();
    expect(service.server.status()).toMatchObject({ https: true, auth: true, port, addresses: ['127.0.0.1', BRIDGE] });
    const answer = await fromContainer(token);
    expect(answer).toMatchObject({ status: 200 });
    expect(JSON.parse((answer as { body: string }).body)).toMatchObject({ AccessKeyId: creds.accessKeyId });
    expect(await fromContainer(undefined)).toMatchObject({ status: 403 });
  });

  it('is dropped when the token is deleted, and comes back with a new one', async () => {
    await tokens.delete();
    expect(service.server.status().addresses).toEqual(['127.0.0.1']);
    expect(await fromContainer(undefined)).toEqual({ error: 'ECONNREFUSED' });
    const token = await tokens.generate();
    expect(await fromContainer(token)).toMatchObject({ status: 200 });
  });

  it('is dropped when TLS is disabled or deleted', async () => {
    await control.update({ tlsDisabled: true });
    expect(service.server.status()).toMatchObject({ https: false, addresses: ['127.0.0.1'] });
    expect(await fromContainer(undefined)).toEqual({ error: 'ECONNREFUSED' });
    await control.update({ tlsDisabled: false });
    expect(service.server.status().addresses).toEqual(['127.0.0.1', BRIDGE]);
    await tls.delete();
    expect(service.server.status()).toMatchObject({ https: false, addresses: ['127.0.0.1'], port });
    expect(service.slots.get('')?.profileName).toBe('dev:Admin');
  });

  it('the credential server itself refuses an extra address without TLS and token', async () => {
    await expect(service.server.apply({ port, extraAddresses: [BRIDGE] })).rejects.toThrow(/only while both TLS and a bearer token are on/);
  });
});
