import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { generateLocalTls } from '../tls/generate';
import { recordingIo } from './cli-test-io';
import { tls } from './tls-commands';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roletray-cli-tls-'));
});

describe('roletray ssl / tls', () => {
  it('generates, prints the CA (never the key), disables, enables and deletes', async () => {
    const gen = recordingIo();
    expect(await tls(['generate', '--config-dir', dir], gen)).toBe(0);
    expect(gen.out).toContain(`export NODE_EXTRA_CA_CERTS='${join(dir, 'roletray-ca.pem')}'`);
    const print = recordingIo();
    await tls(['print', '--config-dir', dir], print);
    expect(print.out).toBe(await readFile(join(dir, 'roletray-ca.pem'), 'utf8'));
    expect(print.out).not.toMatch(/PRIVATE KEY/);

    await tls(['disable', '--config-dir', dir], recordingIo());
    const status = recordingIo();
    await tls(['--config-dir', dir, '--json'], status);
    expect(JSON.parse(status.out)).toMatchObject({ saved: true, generated: true, tlsDisabled: true });
    await tls(['enable', '--config-dir', dir], recordingIo());

    await tls(['delete', '--config-dir', dir], recordingIo());
    await expect(tls(['print', '--config-dir', dir], recordingIo())).rejects.toThrow(/no certificate is saved/);
  });

  it('saves a good pair from files and refuses an expired or mismatched one, naming the problem', async () => {
    const [good, other, old] = await Promise.all([generateLocalTls(Date.now()), generateLocalTls(Date.now()), generateLocalTls(Date.now() - 500 * 86_400_000)]);
    const files = async (name: string, cert: string, key: string) => {
      await writeFile(join(dir, `${name}.crt`), cert);
      await writeFile(join(dir, `${name}.key`), key);
      return ['save', '--config-dir', dir, '--certificate', join(dir, `${name}.crt`), '--private-key', join(dir, `${name}.key`)];
    };
    await expect(tls(await files('old', old.cert, old.key), recordingIo())).rejects.toThrow(/^The certificate expired on /);
    await expect(tls(await files('mixed', good.cert, other.key), recordingIo())).rejects.toMatchObject({
      // A UserError: the CLI prints its message as it is.
      message: 'The private key does not match the certificate',
      expose: true,
    });
    const ok = recordingIo();
    await tls([...(await files('good', good.cert, good.key)), '--json'], ok);
    expect(JSON.parse(ok.out)).toMatchObject({ saved: true, info: { subject: 'CN=RoleTray local server' } });
    expect(await readFile(join(dir, 'roletray-ca.pem'), 'utf8')).toBe(good.cert);
  });

  it('rejects unknown actions as usage errors', async () => {
    await expect(tls(['frobnicate', '--config-dir', dir], recordingIo())).rejects.toMatchObject({ exitCode: 2 });
  });
});
