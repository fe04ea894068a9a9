import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../main/secrets/secret-store';
import { ServerControl } from '../main/server/server-control';
import { createCredentialService, type CredentialService } from '../main/server/service';
import { TlsService } from '../main/tls/tls-service';
import { generateLocalTls } from '../main/tls/generate';
import { isolatedAwsEnv } from '../test-support/aws-env';
import { makeCreds } from '../test-support/credentials';
import { sdkCredentials } from '../test-support/sdk-child';
import { botocoreCredentials } from '../test-support/tls-botocore';

const TOKEN = 'tls-e2e-token-0123456789';

describe('a generated certificate, saved through the TLS service, with real clients', () => {
  let service: CredentialService;
  let control: ServerControl;
  let tls: TlsService;
  let caFile: string;
  let port: number;
  const creds = makeCreds();

  beforeAll(async () => {
    caFile = join(await mkdtemp(join(tmpdir(), 'roletray-tls-e2e-')), 'roletray-ca.pem');
    service = createCredentialService({ token: TOKEN });
    control = new ServerControl(service, {
      port: 0,
      tls: undefined,
      tlsDisabled: false,
      auth: true,
      container: { enabled: false, address: '127.0.0.2' },
    });
    tls = new TlsService({ secrets: new MemorySecretStore(), now: Date.now, caFile, onChange: (material) => control.update({ tls: material }) });
    port = (await control.start()).port;
    // Loaded while still on http: switching to https must not lose it.
    service.slots.load('', { profileName: 'dev:Admin', credentials: creds });
    await tls.generate();
  });
  afterAll(() => service.server.stop());

  const env = (vars: Record<string, string>) =>
    isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `https://127.0.0.1:${port}/`, AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN, ...vars });

  it('moved to https on the same port, keeping the loaded slot', () => {
    expect(service.server.status()).toMatchObject({ listening: true, https: true, port, url: `https://127.0.0.1:${port}/` });
    expect(service.slots.get('')?.profileName).toBe('dev:Admin');
  });

  it('exported the CA, not the key', async () => {
    const exported = await readFile(caFile, 'utf8');
    expect(exported).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(exported).not.toMatch(/PRIVATE KEY/);
  });

  it('the JS SDK (fromHttp) gets credentials over https when NODE_EXTRA_CA_CERTS names the exported CA', async () => {
    expect(await sdkCredentials('http', env({ NODE_EXTRA_CA_CERTS: caFile }))).toMatchObject({ ok: true, accessKeyId: creds.accessKeyId });
  });

  it('the JS SDK refuses the server without the CA', async () => {
    expect(await sdkCredentials('http', env({}))).toEqual({ ok: false, name: 'CredentialsProviderError', message: 'Error: self-signed certificate in certificate chain' });
  });

  // Pins PROTOCOL.md's measurement (boto3 issue 4188): if botocore starts honouring AWS_CA_BUNDLE
  // for container credentials, this fails and the TLS switch's warning can go.
  it('botocore still ignores AWS_CA_BUNDLE for container credentials over https', async () => {
    expect(await botocoreCredentials(env({ AWS_CA_BUNDLE: caFile }))).toEqual({
      ok: false,
      message: expect.stringMatching(/^SSLError: SSL validation failed for https:\/\/127\.0\.0\.1:\d+\/ \[SSL: CERTIFICATE_VERIFY_FAILED\] certificate verify failed: self-signed certificate in certificate chain\b/),
    });
  });

  it('disabling TLS serves http on the same port without deleting the certificate, and enabling brings https back', async () => {
    await control.update({ tlsDisabled: true });
    expect(service.server.status()).toMatchObject({ https: false, port });
    const plain = isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${port}/`, AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN });
    expect(await botocoreCredentials(plain)).toEqual({ ok: true, accessKeyId: creds.accessKeyId });
    expect(await tls.certificate()).toBeDefined();
    await control.update({ tlsDisabled: false });
    expect(service.server.status()).toMatchObject({ https: true, port });
    expect(await sdkCredentials('http', env({ NODE_EXTRA_CA_CERTS: caFile }))).toMatchObject({ ok: true });
  });
});

describe('saving a pair that cannot serve', () => {
  it('names the problem and leaves the server as it was', async () => {
    const secrets = new MemorySecretStore();
    const service = new TlsService({ secrets, now: Date.now });
    const [good, other, old] = await Promise.all([generateLocalTls(Date.now()), generateLocalTls(Date.now()), generateLocalTls(Date.now() - 500 * 86_400_000)]);
    await expect(service.save(old.cert, old.key)).rejects.toThrow(/The certificate expired on/);
    await expect(service.save(good.cert, other.key)).rejects.toThrow(/The private key does not match the certificate/);
    expect(await service.material()).toBeUndefined();
  });
});
