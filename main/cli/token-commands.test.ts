import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { recordingIo } from './cli-test-io';
import { openHeadlessConfig } from './headless-config';
import { token } from './token-commands';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roletray-cli-token-'));
});

async function rawConfigBytes(path = dir): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (const entry of await readdir(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    parts.push(entry.isDirectory() ? await rawConfigBytes(full) : await readFile(full));
  }
  return Buffer.concat(parts);
}

describe('roletray auth / token', () => {
  it('generates a token, keeps it encrypted, and shows it only on request', async () => {
    const io = recordingIo({ ROLETRAY_CONFIG_DIR: dir });
    expect(await token(['--generate'], io)).toBe(0);
    expect(io.out).toBe('A bearer token is set; roletray auth --show prints it.\n');
    const shown = recordingIo({ ROLETRAY_CONFIG_DIR: dir });
    await token(['--show'], shown);
    const value = shown.out.trim();
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await rawConfigBytes()).includes(value)).toBe(false);
  });

  it('sets the user token from stdin, writes the token file, and deletes both', async () => {
    const file = join(dir, 'out', 'token');
    const io = recordingIo({}, 'my-own-token-0123456789\n');
    await token(['--config-dir', dir, '--bearer-token', '-', '--token-file', file, '--json'], io);
    expect(JSON.parse(io.out)).toEqual({ auth: true, tokenFile: file });
    expect(await readFile(file, 'utf8')).toBe('my-own-token-0123456789');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const config = await openHeadlessConfig(dir);
    expect(config.settings.get().tokenFile).toBe(file);

    const del = recordingIo();
    await token(['--config-dir', dir, '--delete', '--json'], del);
    expect(JSON.parse(del.out)).toEqual({ auth: false, tokenFile: null });
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
  });

  it('refuses a bad token with the reason, and conflicting actions as usage errors', async () => {
    await expect(token(['--config-dir', dir, '--bearer-token', 'short'], recordingIo())).rejects.toMatchObject({
      // A UserError: the CLI prints its message as it is.
      message: 'Cannot use that token: the token must be at least 16 characters long.',
      expose: true,
    });
    await expect(token(['--config-dir', dir, '--generate', '--delete'], recordingIo())).rejects.toMatchObject({ exitCode: 2 });
    const status = recordingIo();
    await token(['--config-dir', dir], status);
    expect(status.out).toMatch(/No bearer token is set/);
  });
});
