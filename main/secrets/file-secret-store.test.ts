import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { aesGcmCipher, type SecretCipher } from './cipher';
import { FileSecretStore, SecretsUnavailableError, SecretUnreadableError } from './file-secret-store';

let dir: string;
let cipher: SecretCipher;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roletray-secrets-'));
  cipher = aesGcmCipher(randomBytes(32));
});

async function rawBytes(): Promise<Buffer> {
  const files = await readdir(dir);
  return Buffer.concat(await Promise.all(files.map((f) => readFile(join(dir, f)))));
}

describe('FileSecretStore', () => {
  it('stores, reads back, replaces and deletes secrets', async () => {
    const store = new FileSecretStore(dir, cipher);
    expect(await store.get('token')).toBeUndefined();
    await store.set('token', 'first');
    await store.set('token', 'second');
    await store.set('tls/key', 'pem');
    expect(await store.get('token')).toBe('second');
    expect(await new FileSecretStore(dir, cipher).get('tls/key')).toBe('pem');
    await store.delete('token');
    await store.delete('token');
    expect(await store.get('token')).toBeUndefined();
  });

  it('writes files only its owner can read, with no secret in clear', async () => {
    const store = new FileSecretStore(dir, cipher);
    await store.set('token', 'clear-text-canary-0123456789');
    const [file] = await readdir(dir);
    expect(file).toBeDefined();
    if (process.platform !== 'win32') expect((await stat(join(dir, file!))).mode & 0o777).toBe(0o600);
    expect((await rawBytes()).includes('clear-text-canary')).toBe(false);
    expect((await readdir(dir)).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('keeps call order when writes overlap', async () => {
    const store = new FileSecretStore(dir, cipher);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set('token', `v${i}`)));
    expect(await store.get('token')).toBe('v19');
  });

  it('refuses to store, rather than store in clear, when encryption is unavailable', async () => {
    const store = new FileSecretStore(dir, { ...cipher, available: () => false });
    await expect(store.set('token', 'value')).rejects.toBeInstanceOf(SecretsUnavailableError);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a file encrypted under another key, tampered with, or moved to another name', async () => {
    const store = new FileSecretStore(dir, cipher);
    await store.set('a', 'value-a');
    await expect(new FileSecretStore(dir, aesGcmCipher(randomBytes(32))).get('a')).rejects.toBeInstanceOf(SecretUnreadableError);

    const fileA = join(dir, `${Buffer.from('a').toString('base64url')}.secret`);
    const data = await readFile(fileA);
    data[data.length - 1]! ^= 1;
    await writeFile(fileA, data);
    await expect(store.get('a')).rejects.toThrow(/cannot be decrypted/);

    await store.set('b', 'value-b');
    await rename(join(dir, `${Buffer.from('b').toString('base64url')}.secret`), fileA);
    await expect(store.get('a')).rejects.toThrow(/another name/);
  });

  it('round-trips any value, NULs and JSON included, and reads files written in the former {"n","v"} format', async () => {
    const key = randomBytes(32);
    const store = new FileSecretStore(dir, aesGcmCipher(key));
    const tricky = `{"n":"x","v":"y"}\u0000\u0000${'é'.repeat(1000)}`;
    await store.set('tricky', tricky);
    expect(await store.get('tricky')).toBe(tricky);

    // Byte for byte what the node:crypto version wrote: [1][iv][tag][AES-256-GCM of the JSON].
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify({ n: 'old', v: 'written before' }), 'utf8'), cipher.final()]);
    await writeFile(join(dir, `${Buffer.from('old').toString('base64url')}.secret`), Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), body]));
    expect(await store.get('old')).toBe('written before');
  });

  it('refuses a secret name holding a NUL, which the framing could not tell apart', async () => {
    await expect(new FileSecretStore(dir, cipher).set('a\u0000b', 'v')).rejects.toThrow(/no NUL/);
  });
});
