import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SLOTS_SECRET } from '../main/credentials/persistence';
import { openHeadlessSecretStore } from '../main/secrets/headless-secret-store';
import { isolatedAwsEnv } from '../test-support/aws-env';
import { makeCreds, putBody } from '../test-support/credentials';
import { roletray, startServe } from '../test-support/roletray-cli';
import { sdkCredentials } from '../test-support/sdk-child';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const info = statSync(path);
    // The control socket holds nothing to read.
    return info.isDirectory() ? filesUnder(path) : info.isFile() ? [path] : [];
  });
}

describe('headless: turn auth on, switch to https with a generated certificate', () => {
  it('the AWS SDK still gets credentials, and nothing secret is in clear on disk', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'roletray-https-'));
    const env = { ...process.env, ROLETRAY_CONFIG_DIR: configDir };
    const auth = await roletray(['auth', '--generate'], env);
    expect(auth.code).toBe(0);
    const token = (await roletray(['auth', '--show'], env)).stdout.trim();
    expect(token).toMatch(/^[\w-]{43,}$/);

    const caDir = join(configDir, 'ca-out');
    const served = await startServe(['--port', '0', '--generate-cert', caDir, '--container-address', '127.0.0.2'], env);
    try {
      expect(served.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
      const caFile = join(caDir, 'roletray-ca.pem');
      expect(readFileSync(caFile, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
      expect(served.stdout()).toContain(`export NODE_EXTRA_CA_CERTS='${caFile}'`);
      expect(served.stdout()).not.toContain(token);
      expect(served.stdout()).toContain(`#   export AWS_CONTAINER_CREDENTIALS_FULL_URI='https://host.docker.internal:${served.port}/'`);
      const creds = makeCreds();
      const load = await roletray(
        ['load', '--server', served.url, '--ca-file', caFile, '--creds-file', '-'],
        { ...env, ROLETRAY_TOKEN: token },
        JSON.stringify(putBody('dev:Admin', creds)),
      );
      expect(load).toMatchObject({ code: 0, stdout: 'Loaded dev:Admin into the default slot.\n' });

      // The container address answers too, for the name containers use, trusting the same CA.
      const viaBridge = await new Promise<number>((resolve, reject) => {
        https
          .get({ host: '127.0.0.2', port: served.port, path: '/', servername: 'host.docker.internal', ca: readFileSync(caFile), headers: { host: `host.docker.internal:${served.port}`, authorization: token } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject);
      });
      expect(viaBridge).toBe(200);

      const sdk = await sdkCredentials(
        'http',
        isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: served.url, AWS_CONTAINER_AUTHORIZATION_TOKEN: token, NODE_EXTRA_CA_CERTS: caFile }),
      );
      expect(sdk).toMatchObject({ ok: true, accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey });

      // The slot store writes shortly after a change: once the saved slots (read back with the CLI's key) hold these credentials, look at every file.
      const saved = await openHeadlessSecretStore(configDir);
      await vi.waitFor(async () => expect((await saved.get(SLOTS_SECRET)) ?? 'nothing saved', 'the saved slots').toContain(creds.secretAccessKey), { timeout: 5_000, interval: 20 });
      const secrets = [token, creds.secretAccessKey, creds.sessionToken];
      const files = filesUnder(configDir);
      for (const file of files) {
        const bytes = readFileSync(file);
        for (const secret of secrets) expect(bytes.includes(secret), `${file} holds a secret in clear`).toBe(false);
        expect(bytes.includes('PRIVATE KEY'), `${file} holds the TLS private key in clear`).toBe(false);
      }
    } finally {
      expect(await served.stop()).toBe(0);
    }
  });
});
