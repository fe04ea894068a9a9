import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLocalTls } from '../main/tls/generate';
import { isolatedAwsEnv } from '../test-support/aws-env';
import { makeCreds } from '../test-support/credentials';
import { sdkCredentials } from '../test-support/sdk-child';
import { startTestServer, type TestServer } from '../test-support/test-server';

const TOKEN = 'sdk-token-0123456789abcdefgh';

function expectSame(result: Awaited<ReturnType<typeof sdkCredentials>>, creds: ReturnType<typeof makeCreds>) {
  expect(result).toMatchObject({
    ok: true,
    accessKeyId: creds.accessKeyId,
    secretAccessKey: creds.secretAccessKey,
    sessionToken: creds.sessionToken,
    expiration: new Date(Math.floor(creds.expiration / 1000) * 1000).toISOString(),
  });
}

describe('AWS SDK for JavaScript v3 over http', () => {
  let server: TestServer;
  const def = makeCreds();
  const named = makeCreds({ roleName: 'ReadOnly' });

  beforeAll(async () => {
    server = await startTestServer({ token: TOKEN });
    server.slots.load('', { profileName: 'dev:Admin', credentials: { ...def, accountId: '012345678901' } });
    server.slots.load('team one', { profileName: 'team one', credentials: { ...named, accountId: '012345678901' } });
  });
  afterAll(() => server.close());

  it.each(['http', 'container-metadata'] as const)('%s gets the default slot with the raw token', async (provider) => {
    const env = isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: server.url, AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN });
    expectSame(await sdkCredentials(provider, env), def);
  });

  it('fromHttp gets a named slot through its URL-escaped name with the Bearer form', async () => {
    const env = isolatedAwsEnv({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `${server.url}slot/${encodeURIComponent('team one')}`,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: `Bearer ${TOKEN}`,
    });
    expectSame(await sdkCredentials('http', env), named);
  });

  it('the default provider chain finds RoleTray from the environment alone', async () => {
    const env = isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: server.url, AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN });
    expectSame(await sdkCredentials('chain', env), def);
  });

  it("fails with the server's 403 when the token is wrong", async () => {
    const env = isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: server.url, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'wrong-token-0123456789' });
    expect(await sdkCredentials('http', env)).toEqual({ ok: false, name: 'CredentialsProviderError', message: 'Server responded with status: 403' });
  });

  it('fails cleanly when the slot is empty', async () => {
    const env = isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${server.url}slot/empty`, AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN });
    expect(await sdkCredentials('http', env)).toEqual({ ok: false, name: 'CredentialsProviderError', message: 'Server responded with status: 404' });
  });
});

describe('AWS SDK for JavaScript v3 over https', () => {
  let server: TestServer;
  let caFile: string;
  const creds = makeCreds();

  beforeAll(async () => {
    const tls = await generateLocalTls(Date.now());
    const dir = mkdtempSync(join(tmpdir(), 'roletray-ca-'));
    caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, tls.caCert);
    server = await startTestServer({ token: TOKEN, tls: { cert: tls.cert, key: tls.key } });
    server.slots.load('', { profileName: 'dev', credentials: { ...creds, accountId: '012345678901' } });
  });
  afterAll(() => server.close());

  it('serves https only, and the SDK trusts it through NODE_EXTRA_CA_CERTS', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    const env = isolatedAwsEnv({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: server.url,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN,
      NODE_EXTRA_CA_CERTS: caFile,
    });
    expectSame(await sdkCredentials('http', env), creds);
  });

  it('is refused by the SDK without the CA', async () => {
    const env = isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: server.url, AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN });
    expect(await sdkCredentials('http', env)).toEqual({ ok: false, name: 'CredentialsProviderError', message: 'Error: self-signed certificate in certificate chain' });
  });
});
