import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
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
    expect(io.out).toMatch(/^A bearer token is set; roletray auth --show prints it\. Clients take it with:\n {2}export AWS_CONTAINER_AUTHORIZATION_TOKEN=/);
    const shown = recordingIo({ ROLETRAY_CONFIG_DIR: dir });
    await token(['--show'], shown);
    const value = shown.out.trim();
    // Never `-` first: the token must not read as an option where a command line carries it.
    expect(value).toMatch(/^[A-Za-f][A-Za-z0-9_-]{42}$/);
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
    // Deleting is the explicit choice to serve without a token: the next start generates none.
    expect((await openHeadlessConfig(dir)).settings.get().auth).toBe('none');
    const status = recordingIo();
    await token(['--config-dir', dir], status);
    expect(status.out).toBe('No bearer token is required: the server answers any local user. roletray auth --generate turns it on.\n');
  });

  it('reads the user token from --bearer-token-file, dropping one trailing newline, and turns auth back on', async () => {
    await token(['--config-dir', dir, '--delete'], recordingIo());
    const file = join(dir, 'mine');
    await writeFile(file, 'token-from-a-file-0123456789\n');
    expect(await token(['--config-dir', dir, '--bearer-token-file', file], recordingIo())).toBe(0);
    const shown = recordingIo();
    await token(['--config-dir', dir, '--show', '--json'], shown);
    expect(JSON.parse(shown.out)).toEqual({ auth: true, tokenFile: null, token: 'token-from-a-file-0123456789' });
    await expect(token(['--config-dir', dir, '--bearer-token-file', join(dir, 'missing')], recordingIo())).rejects.toThrow(`cannot read token file ${join(dir, 'missing')}: no such file`);
  });

  it('refuses a token in the arguments, saying why, and saves nothing', async () => {
    const err = await token(['--config-dir', dir, '--bearer-token', 'in-argv-token-0123456789'], recordingIo()).catch((e: unknown) => e);
    expect(err).toMatchObject({
      exitCode: 2,
      message:
        "--bearer-token takes - (the token from stdin), or use --bearer-token-file F: every local user can read a command's arguments (ps, /proc/<pid>/cmdline), so a token given there is no longer secret; choose a new one",
    });
    const status = recordingIo();
    await token(['--config-dir', dir, '--json'], status);
    expect(JSON.parse(status.out)).toEqual({ auth: false, tokenFile: null });
  });

  it('refuses a bad token with the reason, and conflicting actions as usage errors', async () => {
    await expect(token(['--config-dir', dir, '--bearer-token', '-'], recordingIo({}, 'short\n'))).rejects.toMatchObject({
      // A UserError: the CLI prints its message as it is.
      message: 'Cannot use that token: the token must be at least 16 characters long.',
      expose: true,
    });
    await expect(token(['--config-dir', dir, '--generate', '--delete'], recordingIo())).rejects.toMatchObject({ exitCode: 2 });
    await expect(token(['--config-dir', dir, '--bearer-token', '-', '--bearer-token-file', '/f'], recordingIo())).rejects.toMatchObject({ exitCode: 2 });
    const status = recordingIo();
    await token(['--config-dir', dir], status);
    expect(status.out).toBe('No bearer token is set yet: the next roletray serve generates one.\n');
  });
});
