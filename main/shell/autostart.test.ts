import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autostartFile, desktopEntry, execArgument, launchPath, setAutostart } from './autostart';

describe('autostartFile', () => {
  it('lives under $XDG_CONFIG_HOME/autostart, or ~/.config when that is unset or relative', () => {
    expect(autostartFile({ XDG_CONFIG_HOME: '/x/conf' }, '/home/ann')).toBe('/x/conf/autostart/roletray.desktop');
    expect(autostartFile({}, '/home/ann')).toBe('/home/ann/.config/autostart/roletray.desktop');
    expect(autostartFile({ XDG_CONFIG_HOME: 'conf' }, '/home/ann')).toBe('/home/ann/.config/autostart/roletray.desktop');
  });
});

describe('launchPath', () => {
  it('starts the .AppImage file itself for AppImage builds, else the executable', () => {
    expect(launchPath({ APPIMAGE: '/home/ann/Apps/RoleTray-0.1.0.AppImage' }, '/tmp/.mount_Role/roletray')).toBe('/home/ann/Apps/RoleTray-0.1.0.AppImage');
    expect(launchPath({}, '/opt/RoleTray/roletray')).toBe('/opt/RoleTray/roletray');
  });
});

describe('execArgument (Desktop Entry spec quoting)', () => {
  it.each([
    ['/opt/RoleTray/roletray', '/opt/RoleTray/roletray'],
    ['/home/ann/My Apps/RoleTray.AppImage', '"/home/ann/My Apps/RoleTray.AppImage"'],
    ['/a/$HOME/`x`/"q"/b\\c', '"/a/\\$HOME/\\`x\\`/\\"q\\"/b\\\\c"'],
    ["/a/it's(1)", '"/a/it\'s(1)"'],
    ['/a/100%/b', '/a/100%%/b'],
    ['/a b/100%', '"/a b/100%%"'],
    ['', '""'],
  ])('%s → %s', (arg, quoted) => {
    expect(execArgument(arg)).toBe(quoted);
  });
});

describe('desktopEntry', () => {
  it('names the program in Exec, with the string escapes over the quoting (a backslash takes four)', () => {
    const entry = desktopEntry('/home/ann/odd\\dir/RoleTray.AppImage');
    expect(entry).toContain('[Desktop Entry]\nType=Application\n');
    expect(entry).toContain('\nExec="/home/ann/odd\\\\\\\\dir/RoleTray.AppImage"\n');
    expect(desktopEntry('/opt/new\nline/roletray')).toContain('\nExec="/opt/new\\nline/roletray"\n');
  });

  it('refuses a path with "=", which the spec does not allow in the program', () => {
    expect(() => desktopEntry('/opt/a=b/roletray')).toThrow(/does not allow "="/);
  });
});

describe('setAutostart', () => {
  it('writes the entry when turned on, rewrites it when the program moved, removes it when off', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'roletray-autostart-')), 'config', 'autostart', 'roletray.desktop');
    await setAutostart(file, '/opt/RoleTray/roletray');
    expect(await readFile(file, 'utf8')).toBe(desktopEntry('/opt/RoleTray/roletray'));
    expect((await stat(file)).mode & 0o777).toBe(0o644);
    await setAutostart(file, '/home/ann/RoleTray.AppImage');
    expect(await readFile(file, 'utf8')).toContain('Exec=/home/ann/RoleTray.AppImage\n');
    await setAutostart(file, undefined);
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
    await setAutostart(file, undefined);
  });

  it('replaces an entry someone edited by hand', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roletray-autostart-'));
    const file = join(dir, 'roletray.desktop');
    await writeFile(file, '[Desktop Entry]\nExec=/old/path\n');
    await setAutostart(file, '/opt/RoleTray/roletray');
    expect(await readFile(file, 'utf8')).toBe(desktopEntry('/opt/RoleTray/roletray'));
  });
});
