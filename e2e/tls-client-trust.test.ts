import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../main/secrets/secret-store';
import { ServerControl } from '../main/server/server-control';
import { createCredentialService, type CredentialService } from '../main/server/service';
import { TlsService } from '../main/tls/tls-service';
import { awsCliCredentials } from '../test-support/aws-cli';
import { isolatedAwsEnv } from '../test-support/aws-env';
import { makeCreds } from '../test-support/credentials';
import { roletray } from '../test-support/roletray-cli';
import { buildGoClients, goCredentials, type GoSdk } from '../test-support/go-sdk';
import { sdkCredentials } from '../test-support/sdk-child';
import { botocoreCredentials } from '../test-support/tls-botocore';

/**
 * Which real clients trust a locally generated certificate for container credentials, as the
 * window's TLS note, `roletray ssl generate` and the README say. Each client is asked over https
 * with the variable its documentation offers for a CA, and, as a control, over http on the same
 * port, so a failure here is the certificate and nothing else. If a client starts trusting the
 * local CA, its test fails and those sentences must change with it.
 */
const TOKEN = 'tls-trust-e2e-token-0123456789';
// Debian's system CAs: a Go program given SSL_CERT_FILE trusts that file instead of them.
const SYSTEM_CAS = '/etc/ssl/certs/ca-certificates.crt';

describe('trust in a locally generated certificate, client by client', () => {
  let service: CredentialService;
  let control: ServerControl;
  let caFile: string;
  let dir: string;
  let withSystemCas: string;
  let port: number;
  let go: Record<GoSdk, string>;
  const creds = makeCreds();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'roletray-tls-trust-'));
    caFile = join(dir, 'roletray-ca.pem');
    service = createCredentialService({ token: TOKEN });
    control = new ServerControl(service, { port: 0, tls: undefined, tlsDisabled: false, auth: true, container: { enabled: false, address: '127.0.0.2' } });
    const tls = new TlsService({ secrets: new MemorySecretStore(), now: Date.now, caFile, onChange: (material) => control.update({ tls: material }) });
    port = (await control.start()).port;
    service.slots.load('', { profileName: 'dev:Admin', credentials: creds });
    await tls.generate();
    withSystemCas = join(dir, 'system-and-roletray.pem');
    writeFileSync(withSystemCas, `${readFileSync(SYSTEM_CAS, 'utf8')}\n${readFileSync(caFile, 'utf8')}`);
    go = await buildGoClients();
  }, 180_000);
  afterAll(() => service?.server.stop());

  const over = (scheme: 'http' | 'https', vars: Record<string, string> = {}) =>
    isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${scheme}://127.0.0.1:${port}/`, AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN, ...vars });
  const https = (vars: Record<string, string> = {}) => over('https', vars);

  // Each client's answer as { ok, accessKeyId, message }, whatever its own shape.
  const cli = async (env: NodeJS.ProcessEnv) => {
    const run = await awsCliCredentials(env);
    return { ok: run.code === 0, accessKeyId: run.creds?.AccessKeyId, message: run.stderr };
  };

  it('serves https from the generated certificate', () => {
    expect(service.server.status()).toMatchObject({ https: true, port });
  });

  it('the AWS SDK for JavaScript v3 trusts it through NODE_EXTRA_CA_CERTS, not through AWS_CA_BUNDLE', async () => {
    expect(await sdkCredentials('http', https({ NODE_EXTRA_CA_CERTS: caFile }))).toMatchObject({ ok: true, accessKeyId: creds.accessKeyId });
    expect(await sdkCredentials('chain', https({ NODE_EXTRA_CA_CERTS: caFile }))).toMatchObject({ ok: true, accessKeyId: creds.accessKeyId });
    const bundleOnly = await sdkCredentials('http', https({ AWS_CA_BUNDLE: caFile }));
    expect(bundleOnly.ok).toBe(false);
    expect(bundleOnly.message).toMatch(/self-signed certificate in certificate chain/);
  });

  it('the AWS CLI v2 (Debian) does not, even with AWS_CA_BUNDLE', async () => {
    const run = await cli(https({ AWS_CA_BUNDLE: caFile }));
    expect(run.ok).toBe(false);
    expect(run.message).toMatch(/SSL validation failed .*self-signed certificate in certificate chain/);
    // Nor with the variables Python's own TLS reads.
    for (const variable of ['SSL_CERT_FILE', 'REQUESTS_CA_BUNDLE']) {
      const other = await cli(https({ [variable]: caFile }));
      expect(other.ok, variable).toBe(false);
      expect(other.message, variable).toMatch(/self-signed certificate in certificate chain/);
    }
  });

  // boto3 issue 4188: botocore's container provider never applies AWS_CA_BUNDLE.
  it('botocore does not, even with AWS_CA_BUNDLE', async () => {
    const result = await botocoreCredentials(https({ AWS_CA_BUNDLE: caFile }));
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/SSLError: .*self-signed certificate in certificate chain/);
  });

  it('the AWS SDK for Go v2 (1.17) ignores AWS_CA_BUNDLE for container credentials; it trusts the CA through SSL_CERT_FILE, a bundle that replaces the system CAs', async () => {
    const bundle = await goCredentials(go.v2, https({ AWS_CA_BUNDLE: caFile }));
    expect(bundle.ok).toBe(false);
    expect(bundle.message).toMatch(/x509: certificate signed by unknown authority/);
    expect(await goCredentials(go.v2, https({ SSL_CERT_FILE: withSystemCas }))).toEqual({ ok: true, accessKeyId: creds.accessKeyId });
  });

  it('the AWS SDK for Go v1 (1.44) trusts it through AWS_CA_BUNDLE, and refuses it without', async () => {
    expect(await goCredentials(go.v1, https({ AWS_CA_BUNDLE: caFile }))).toEqual({ ok: true, accessKeyId: creds.accessKeyId });
    // Its default chain words every failure the same; the http control below shows the rest works.
    const none = await goCredentials(go.v1, https());
    expect(none.ok).toBe(false);
    expect(none.message).toMatch(/^NoCredentialProviders: no valid providers in chain/);
  });

  it('`roletray ssl generate` tells a person the same, client by client', async () => {
    const run = await roletray(['ssl', 'generate', '--config-dir', join(dir, 'cli-config')]);
    expect(run.code, run.stderr).toBe(0);
    const said = run.stdout.replaceAll('\n', ' ');
    expect(said).toContain('Trusted by the AWS SDK for JavaScript (NODE_EXTRA_CA_CERTS) and the AWS SDK for Go v1 (AWS_CA_BUNDLE).');
    expect(said).toContain('The AWS CLI v2, boto3/botocore and the AWS SDK for Go v2 ignore AWS_CA_BUNDLE for container credentials and refuse this certificate');
    expect(said).toContain('Go v2 trusts it through SSL_CERT_FILE, a bundle that replaces the system CAs');
  });

  it('over http on the same port every one of them gets the credentials: the failures above are the certificate', async () => {
    await control.update({ tlsDisabled: true });
    try {
      expect(service.server.status()).toMatchObject({ https: false, port });
      const env = over('http');
      expect(await cli(env)).toMatchObject({ ok: true, accessKeyId: creds.accessKeyId });
      expect(await botocoreCredentials(env)).toEqual({ ok: true, accessKeyId: creds.accessKeyId });
      expect(await sdkCredentials('http', env)).toMatchObject({ ok: true, accessKeyId: creds.accessKeyId });
      expect(await goCredentials(go.v1, env)).toEqual({ ok: true, accessKeyId: creds.accessKeyId });
      expect(await goCredentials(go.v2, env)).toEqual({ ok: true, accessKeyId: creds.accessKeyId });
    } finally {
      await control.update({ tlsDisabled: false });
    }
  });
});
