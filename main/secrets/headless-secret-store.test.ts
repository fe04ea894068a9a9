import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY_FILE, KEYCHAIN_MARKER, keyFileWarning, openHeadlessSecretStore } from './headless-secret-store';
import { keychainStandin } from '../../test-support/keychain-standin';
import { NAMES, roundOf } from '../../test-support/secrets-crash-writer';

const WRITER = join(__dirname, '../../test-support/secrets-crash-writer.ts');

/** Runs the writer in plain node (the tsx CLI would put a wrapper process between us and the writer) from `start` and SIGKILLs it at a random moment after its first full round; returns the last round it reported. */
function runAndKill(dir: string, start: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let reported = -1;
    let killTimer: NodeJS.Timeout | undefined;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      const rounds = d.toString().trim().split('\n').map(Number);
      reported = Math.max(reported, ...rounds);
      killTimer ??= setTimeout(() => child.kill('SIGKILL'), 20 + Math.random() * 300);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(killTimer);
      if (signal === 'SIGKILL') resolve(reported);
      else reject(new Error(`writer exited with ${code}: ${stderr}`));
    });
  });
}

async function filesUnder(dir: string): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    out.push(...(entry.isDirectory() ? await filesUnder(path) : [await readFile(path)]));
  }
  return out;
}

describe('encrypted secret files survive a writer killed at random points', () => {
  it('always finds each secret whole (the last value or the one being written) and never in clear', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roletray-crash-'));
    let start = 0;
    for (let kill = 0; kill < 6; kill++) {
      const reported = await runAndKill(dir, start);
      expect(reported).toBeGreaterThanOrEqual(start);
      const store = await openHeadlessSecretStore(dir);
      const rounds: number[] = [];
      for (const name of NAMES) {
        const value = await store.get(name);
        expect(value, name).toBeDefined();
        const round = roundOf(value!, name);
        expect(round, `${name} holds a torn value`).toBeDefined();
        rounds.push(round!);
      }
      // Everything reported done is on disk; at most the round in flight is newer.
      expect(Math.min(...rounds)).toBeGreaterThanOrEqual(reported);
      expect(Math.max(...rounds)).toBeLessThanOrEqual(reported + 1);
      for (const raw of await filesUnder(dir)) expect(raw.includes('CANARY')).toBe(false);
      start = Math.max(...rounds) + 1;
    }
  }, 60_000);
});

describe('where the key is kept', () => {
  const fresh = () => mkdtemp(join(tmpdir(), 'roletray-headless-'));

  it('on this machine (no Secret Service) the real keychain binding answers no, so the key file is used, with what it protects against', async () => {
    const dir = await fresh();
    const store = await openHeadlessSecretStore(dir);
    expect(store.protection).toEqual({ kind: 'key-file', reason: expect.stringMatching(/^no OS keychain answered \(.*(DBus|Secret Service|secret-service).*\)$/i) });
    await store.set('token', 'kept');
    expect(await (await openHeadlessSecretStore(dir)).get('token')).toBe('kept');
    if (process.platform !== 'win32') expect((await stat(join(dir, KEY_FILE))).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dir, KEYCHAIN_MARKER))).toBe(false);
    expect(keyFileWarning(dir)).toBe(
      `secrets in ${dir} are encrypted with the key in ${join(dir, KEY_FILE)}, not with an OS keychain (none answered when it was made). ` +
        'That keeps them from other users and from casual reads (backups, a stray cat), not from programs running as you, nor from anyone who copies the whole folder.',
    );
  });

  it('where a keychain answers, the key goes there and no key file is written', async () => {
    const dir = await fresh();
    const standin = keychainStandin();
    const store = await openHeadlessSecretStore(dir, { keychain: standin.open });
    expect(store.protection).toEqual({ kind: 'keychain' });
    await store.set('token', 'in the keychain');
    expect(existsSync(join(dir, KEY_FILE))).toBe(false);
    expect(keyFileWarning(dir)).toBeUndefined();
    expect(Buffer.from(standin.passwords.get(dir)!, 'base64')).toHaveLength(32);
    expect(await (await openHeadlessSecretStore(dir, { keychain: standin.open })).get('token')).toBe('in the keychain');
  });

  it('two processes starting at once agree on one keychain key', async () => {
    const dir = await fresh();
    const standin = keychainStandin();
    const stores = await Promise.all(Array.from({ length: 6 }, () => openHeadlessSecretStore(dir, { keychain: standin.open })));
    await stores[0]!.set('token', 'shared');
    for (const store of stores) expect(await store.get('token')).toBe('shared');
    expect(standin.calls.filter((c) => c.startsWith('set'))).toHaveLength(1);
  });

  it('a keychain that stops answering is an error that says what to do, never a new key that would lose the secrets', async () => {
    const dir = await fresh();
    const standin = keychainStandin();
    await (await openHeadlessSecretStore(dir, { keychain: standin.open })).set('token', 'kept');
    standin.state.fail = 'The user name or passphrase you entered is not correct.';
    await expect(openHeadlessSecretStore(dir, { keychain: standin.open })).rejects.toThrow(
      `The secrets in ${dir} are keyed in the OS keychain, but it did not answer (The user name or passphrase you entered is not correct.). Unlock the keychain and try again; to start over without those secrets, move ${join(dir, 'secrets')} and ${join(dir, KEYCHAIN_MARKER)} away.`,
    );
    expect(existsSync(join(dir, KEY_FILE))).toBe(false);
    standin.state.fail = undefined;
    expect(await (await openHeadlessSecretStore(dir, { keychain: standin.open })).get('token')).toBe('kept');
  });

  it('a directory keyed by a key file keeps it, even once a keychain answers', async () => {
    const dir = await fresh();
    const standin = keychainStandin();
    await (await openHeadlessSecretStore(dir, { keychain: async () => ({ unavailable: 'none here' }) })).set('token', 'file-keyed');
    const reopened = await openHeadlessSecretStore(dir, { keychain: standin.open });
    expect(reopened.protection.kind).toBe('key-file');
    expect(await reopened.get('token')).toBe('file-keyed');
    expect(standin.calls).toEqual([]);
  });

  it.runIf(process.platform !== 'win32')('refuses a configuration directory, key file or secret file that others could change or read', async () => {
    const dir = await fresh();
    await (await openHeadlessSecretStore(dir)).set('token', 'x');
    await chmod(join(dir, KEY_FILE), 0o644);
    await expect(openHeadlessSecretStore(dir)).rejects.toThrow(`The key file ${join(dir, KEY_FILE)} (mode 644) lets your group read it; lets other users read it. Fix it with: chmod go-rwx '${join(dir, KEY_FILE)}'`);
    await chmod(join(dir, KEY_FILE), 0o600);
    const [secret] = await readdir(join(dir, 'secrets'));
    await chmod(join(dir, 'secrets', secret!), 0o660);
    await expect(openHeadlessSecretStore(dir)).rejects.toThrow(/^The secret file .* lets your group read and change it\. Fix it with: chmod go-rwx /);
    await chmod(join(dir, 'secrets', secret!), 0o600);
    await chmod(dir, 0o777);
    await expect(openHeadlessSecretStore(dir)).rejects.toThrow(`Fix it with: chmod go-w '${dir}'`);
    await chmod(dir, 0o700);
    if (process.getuid?.() === 0) {
      await chown(join(dir, 'secrets', secret!), 65534, 65534);
      await expect(openHeadlessSecretStore(dir)).rejects.toThrow(/^The secret file .* belongs to another user \(uid 65534\)/);
    }
  });
});
