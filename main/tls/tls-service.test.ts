import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../secrets/secret-store';
import { generateLocalTls, type GeneratedTls } from './generate';
import type { TlsMaterial } from '../server/listener';
import { TLS_SECRET, TlsError, TlsService } from './tls-service';

const NOW = Date.now();
const DAY = 86_400_000;
let pair: GeneratedTls;
let other: GeneratedTls;
let expired: GeneratedTls;

beforeAll(async () => {
  [pair, other, expired] = await Promise.all([generateLocalTls(NOW), generateLocalTls(NOW), generateLocalTls(NOW - 500 * DAY)]);
});

async function setup() {
  const secrets = new MemorySecretStore();
  const caFile = join(await mkdtemp(join(tmpdir(), 'roletray-tls-')), 'ca.pem');
  const served: (TlsMaterial | undefined)[] = [];
  const service = new TlsService({ secrets, now: () => NOW, caFile, onChange: async (tls) => void served.push(tls) });
  return { secrets, caFile, served, service };
}

describe('TlsService', () => {
  it('refuses an expired certificate, a key of another certificate, or a key in the certificate field, naming the problem', async () => {
    const { service, secrets, served } = await setup();
    await expect(service.save(expired.cert, expired.key)).rejects.toThrow(/^The certificate expired on \d{4}-/);
    await expect(service.save(pair.cert, other.key)).rejects.toThrow(new TlsError('The private key does not match the certificate'));
    await expect(service.save(pair.key, pair.key)).rejects.toThrow(/holds a private key/);
    await expect(service.save(pair.cert, 'not a key')).rejects.toThrow(/not a PEM private key/);
    expect(await secrets.get(TLS_SECRET)).toBeUndefined();
    expect(served).toEqual([]);
  });

  it('saves a good pair, serves it, and exports the certificate but never the key', async () => {
    const { service, caFile, served } = await setup();
    const { info, warnings } = await service.save(pair.cert, pair.key);
    expect(warnings).toEqual([]);
    expect(info.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(served).toEqual([{ cert: pair.cert, key: pair.key }]);
    expect(await service.certificate()).toBe(pair.cert);
    const exported = await readFile(caFile, 'utf8');
    expect(exported).toBe(pair.cert);
    expect(exported).not.toMatch(/PRIVATE KEY/);
    expect(await service.status()).toMatchObject({ saved: true, generated: false });
  });

  it('generates a local CA whose certificate is what clients get', async () => {
    const { service, caFile, served } = await setup();
    const { caCert } = await service.generate();
    expect(await service.certificate()).toBe(`${caCert.trimEnd()}\n`);
    expect(await readFile(caFile, 'utf8')).toBe(await service.certificate());
    expect(served).toHaveLength(1);
    expect(await service.material()).toEqual(served[0]);
    expect(await service.status()).toMatchObject({ saved: true, generated: true, info: { subject: 'CN=RoleTray local server' } });
  });

  it('delete goes back to http and removes the exported file', async () => {
    const { service, caFile, served, secrets } = await setup();
    await service.generate();
    await service.delete();
    expect(served.at(-1)).toBeUndefined();
    expect(await secrets.get(TLS_SECRET)).toBeUndefined();
    await expect(stat(caFile)).rejects.toThrow(/ENOENT/);
    await expect(service.exportCertificate(caFile)).rejects.toThrow(/No certificate is saved/);
  });

  it('does not serve a saved pair that has expired since', async () => {
    const secrets = new MemorySecretStore();
    await new TlsService({ secrets, now: () => NOW }).save(pair.cert, pair.key);
    const later = new TlsService({ secrets, now: () => NOW + 400 * DAY });
    expect(await later.material()).toBeUndefined();
    expect((await later.status()).problem).toMatch(/expired/);
  });
});
