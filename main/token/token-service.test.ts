import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../secrets/secret-store';
import { BearerToken } from '../server/bearer-token';
import { TOKEN_SECRET, TokenError, TokenService } from './token-service';

function setup(tokenFile: string | null = null) {
  const secrets = new MemorySecretStore();
  const token = new BearerToken();
  const events: string[] = [];
  const service = new TokenService({
    secrets,
    token,
    tokenFile: () => tokenFile,
    setAuth: async (on) => void events.push(`auth ${on} (token ${token.enabled ? 'on' : 'off'})`),
  });
  return { secrets, token, events, service };
}

describe('TokenService', () => {
  it('generates a URL-safe token of 32 random bytes, stores it and applies it at once', async () => {
    const { secrets, token, service } = setup();
    const value = await service.generate();
    expect(value).toMatch(/^[A-Za-f][A-Za-z0-9_-]{42}$/);
    expect(Buffer.from(value, 'base64url')).toHaveLength(32);
    expect(await secrets.get(TOKEN_SECRET)).toBe(value);
    expect(token.accepts(value)).toBe(true);
    expect(token.accepts(`Bearer ${value}`)).toBe(true);
    expect(await service.reveal()).toBe(value);
    expect(await service.generate()).not.toBe(value);
  });

  it('takes a user token only when token-rules accept it', async () => {
    const { token, service } = setup();
    await expect(service.set('short')).rejects.toThrow(new TokenError('Cannot use that token: the token must be at least 16 characters long.'));
    await expect(service.set('has a space in it!!')).rejects.toThrow(/whitespace/);
    expect(token.enabled).toBe(false);
    await service.set('my-own-token-0123456789');
    expect(token.accepts('my-own-token-0123456789')).toBe(true);
  });

  it('drops the container address before auth goes off, and turns auth on only after the token is in place', async () => {
    const { events, service, token, secrets } = setup();
    await service.generate();
    await service.delete();
    expect(events).toEqual(['auth true (token on)', 'auth false (token on)']);
    expect(token.enabled).toBe(false);
    expect(token.accepts(undefined)).toBe(true);
    expect(await secrets.get(TOKEN_SECRET)).toBeUndefined();
  });

  it('loads the stored token on start', async () => {
    const { secrets } = setup();
    await secrets.set(TOKEN_SECRET, 'stored-token-0123456789');
    const token = new BearerToken();
    expect(await new TokenService({ secrets, token }).load()).toBe(true);
    expect(token.accepts('stored-token-0123456789')).toBe(true);
  });

  it('a first start: the server requires the new token before anything listens, and it is stored and written', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'roletray-tokenfile-')), 'token');
    const { secrets, token, events, service } = setup(file);
    await service.generateFirst();
    const value = await secrets.get(TOKEN_SECRET);
    expect(value).toMatch(/^[A-Za-f][A-Za-z0-9_-]{42}$/);
    expect(token.accepts(value)).toBe(true);
    expect(token.accepts(undefined)).toBe(false);
    expect(await readFile(file, 'utf8')).toBe(value);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    // The listener is started by the caller, with auth on from the start.
    expect(events).toEqual([]);
  });

  it('a first start whose secret store refuses: the token still guards this run, is shown and written, and the error says so', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'roletray-tokenfile-')), 'token');
    const token = new BearerToken();
    const refusing = new MemorySecretStore();
    refusing.set = async () => {
      throw new Error('this system offers no encryption for secrets');
    };
    const service = new TokenService({ secrets: refusing, token, tokenFile: () => file });
    await expect(service.generateFirst()).rejects.toThrow(
      new TokenError('The generated bearer token could not be kept (this system offers no encryption for secrets); it holds until RoleTray stops'),
    );
    const value = await service.reveal();
    expect(token.accepts(value)).toBe(true);
    expect(token.accepts(undefined)).toBe(false);
    expect(await readFile(file, 'utf8')).toBe(value);
  });

  it('names the token file and the reason when it cannot be written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roletray-tokenfile-'));
    await writeFile(join(dir, 'not-a-dir'), 'x');
    const file = join(dir, 'not-a-dir', 'token');
    const { service } = setup(file);
    await expect(service.generate()).rejects.toThrow(new TokenError(`The token file ${file} could not be written: ${join(dir, 'not-a-dir')} is not a directory`));
  });

  it('keeps the token file (0600, no newline) in step, and removes it with the token', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'roletray-tokenfile-')), 'sub', 'token');
    const { service } = setup(file);
    const first = await service.generate();
    expect(await readFile(file, 'utf8')).toBe(first);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    await service.set('rotated-by-hand-0123456789');
    expect(await readFile(file, 'utf8')).toBe('rotated-by-hand-0123456789');
    await service.delete();
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
    await expect(service.writeFile(file)).rejects.toBeInstanceOf(TokenError);
  });
});
