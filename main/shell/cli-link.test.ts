import { lstat, mkdir, mkdtemp, readlink, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliLinkDir, linkCli, windowsCliAdvice } from './cli-link';

async function setup() {
  const home = await mkdtemp(join(tmpdir(), 'roletray-cli-link-'));
  const app = join(home, 'Applications', 'RoleTray', 'bin', 'roletray');
  await mkdir(join(home, 'Applications', 'RoleTray', 'bin'), { recursive: true });
  await writeFile(app, '#!/bin/sh\n', { mode: 0o755 });
  return { home, app, dir: cliLinkDir(home), link: join(cliLinkDir(home), 'roletray') };
}

describe('linkCli', () => {
  it('links ~/.local/bin/roletray to the shipped executable and says how to use it', async () => {
    const { app, dir, link } = await setup();
    const result = await linkCli(app, dir, `/usr/bin:${dir}`);
    expect(result).toEqual({ ok: true, value: `The roletray command is installed as ${link}. Open a new terminal and run \`roletray --help\`.` });
    expect(await readlink(link)).toBe(app);
  });

  it('says how to put the folder on the PATH when it is not there', async () => {
    const { app, dir } = await setup();
    const result = await linkCli(app, dir, '/usr/bin:/bin');
    expect(result.ok && result.value).toMatch(new RegExp(`${dir} is not on your PATH: add \`export PATH="${dir}:\\$PATH"\``));
  });

  it('replaces a link of an app that moved, and is content to find its own link again', async () => {
    const { app, dir, link } = await setup();
    await mkdir(dir, { recursive: true });
    await symlink('/old/place/roletray', link);
    const installed = { ok: true, value: `The roletray command is installed as ${link}. Open a new terminal and run \`roletray --help\`.` };
    expect(await linkCli(app, dir, dir)).toEqual(installed);
    expect(await readlink(link)).toBe(app);
    expect(await linkCli(app, dir, dir)).toEqual(installed);
    expect(await readlink(link)).toBe(app);
  });

  it('leaves a roletray that is not its link alone (another install of the CLI) and says so', async () => {
    const { app, dir, link } = await setup();
    await mkdir(dir, { recursive: true });
    await writeFile(link, 'someone else');
    expect(await linkCli(app, dir, dir)).toEqual({ ok: false, error: `${link} already exists and is not a link RoleTray made; remove it, or run ${app} directly.` });
    expect((await lstat(link)).isSymbolicLink()).toBe(false);
  });
});

describe('linkCli without the executable', () => {
  it('makes no link that would point nowhere, and says the installation is incomplete', async () => {
    const { home, dir, link } = await setup();
    const missing = join(home, 'nowhere', 'roletray');
    expect(await linkCli(missing, dir, dir)).toEqual({ ok: false, error: `The command-line tool is missing from this installation (${missing}); reinstall RoleTray.` });
    await expect(lstat(link)).rejects.toThrow(/ENOENT/);
  });
});

describe('windowsCliAdvice', () => {
  it('names the executable and the folder to add to the PATH', () => {
    const advice = windowsCliAdvice('C:\\Users\\ann\\AppData\\Local\\Programs\\RoleTray\\resources\\bin\\roletray.exe');
    expect(advice).toMatch(/^The roletray command is C:\\Users\\ann\\.*\\roletray\.exe\. To call it as `roletray`, add C:\\Users\\ann\\AppData\\Local\\Programs\\RoleTray\\resources\\bin to your user PATH/);
  });
});
