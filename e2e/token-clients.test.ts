import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../main/secrets/secret-store';
import { createCredentialService, type CredentialService } from '../main/server/service';
import { TokenService } from '../main/token/token-service';
import { isolatedAwsEnv } from '../test-support/aws-env';
import { makeCreds } from '../test-support/credentials';
import { rawRequest } from '../test-support/http';
import { botocoreCredentials } from '../test-support/tls-botocore';

describe('the bearer token, changed while the server runs', () => {
  let service: CredentialService;
  let tokens: TokenService;
  let tokenFile: string;
  let port: number;
  const creds = makeCreds();

  beforeAll(async () => {
    tokenFile = join(await mkdtemp(join(tmpdir(), 'roletray-token-e2e-')), 'token');
    service = createCredentialService();
    tokens = new TokenService({ secrets: new MemorySecretStore(), token: service.token, tokenFile: () => tokenFile });
    port = (await service.server.apply({ port: 0 })).port;
    service.slots.load('', { profileName: 'dev:Admin', credentials: creds });
  });
  afterAll(() => service.server.stop());

  const get = (authorization?: string) => rawRequest(port, { headers: authorization === undefined ? {} : { authorization } });

  it('accepts the raw and the Bearer form, and the next request after a rotation needs the new token', async () => {
    const first = await tokens.generate();
    expect((await get()).status).toBe(403);
    expect((await get(first)).status).toBe(200);
    expect((await get(`Bearer ${first}`)).status).toBe(200);

    const second = await tokens.generate();
    expect((await get(first)).status).toBe(403);
    expect((await get(`Bearer ${second}`)).status).toBe(200);
    expect((await get(second)).json).toMatchObject({ AccessKeyId: creds.accessKeyId });
    expect(service.server.status()).toMatchObject({ listening: true, auth: true, port });
  });

  it('botocore reads the token file (AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE), also after a rotation', async () => {
    const env = isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${port}/`, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile });
    await tokens.set('users-own-token-0123456789');
    expect(await readFile(tokenFile, 'utf8')).toBe('users-own-token-0123456789');
    expect(await botocoreCredentials(env)).toEqual({ ok: true, accessKeyId: creds.accessKeyId });
    await tokens.generate();
    expect(await botocoreCredentials(env)).toEqual({ ok: true, accessKeyId: creds.accessKeyId });
    const stale = isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${port}/`, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'users-own-token-0123456789' });
    expect((await botocoreCredentials(stale)).ok).toBe(false);
  });

  it('deleting the token turns auth off for the next request, slots untouched', async () => {
    await tokens.delete();
    expect((await get()).status).toBe(200);
    expect(service.server.status().auth).toBe(false);
  });
});
