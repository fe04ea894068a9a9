import { describe, expect, it } from 'vitest';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { awsConfigPath } from './sso/aws-config-import';
import { configDirFor, expandHome, resolveConfigDir } from './config-dir';

describe('resolveConfigDir', () => {
  const home = '/home/u';
  it('prefers --config-dir, then ROLETRAY_CONFIG_DIR', () => {
    expect(resolveConfigDir({ flag: '/a', env: { ROLETRAY_CONFIG_DIR: '/b' }, platform: 'linux', home })).toBe('/a');
    expect(resolveConfigDir({ env: { ROLETRAY_CONFIG_DIR: '/b' }, platform: 'linux', home })).toBe('/b');
  });
  it('uses the platform config directory otherwise', () => {
    expect(resolveConfigDir({ env: {}, platform: 'linux', home })).toBe('/home/u/.config/RoleTray');
    expect(resolveConfigDir({ env: { XDG_CONFIG_HOME: '/x' }, platform: 'linux', home })).toBe('/x/RoleTray');
    expect(resolveConfigDir({ env: { XDG_CONFIG_HOME: 'rel' }, platform: 'linux', home })).toBe('/home/u/.config/RoleTray');
    expect(resolveConfigDir({ env: {}, platform: 'darwin', home })).toBe('/home/u/Library/Application Support/RoleTray');
  });
});

// The CLI's login/roles and its serve/auth/ssl once found the directory in two ways that differed here.
describe('an empty HOME', () => {
  it('counts as unset for the configuration directory and ~/.aws/config alike', () => {
    expect(configDirFor(undefined, { HOME: '' }, 'linux')).toBe(join(homedir(), '.config', 'RoleTray'));
    expect(awsConfigPath({ HOME: '' })).toBe(join(homedir(), '.aws', 'config'));
    expect(configDirFor(undefined, { HOME: '/home/u' }, 'linux')).toBe('/home/u/.config/RoleTray');
  });
});

// A `~` reaches RoleTray unexpanded after `--flag=`, in quotes, or from a variable.
describe('a ~ in a path', () => {
  it('is the home folder, never a folder named ~; ~user is refused', () => {
    expect(resolveConfigDir({ flag: '~/cfg', env: {}, platform: 'linux', home: '/home/u' })).toBe('/home/u/cfg');
    expect(resolveConfigDir({ env: { ROLETRAY_CONFIG_DIR: '~' }, platform: 'linux', home: '/home/u' })).toBe('/home/u');
    expect(expandHome('--token-file', '~/t', '/home/u')).toBe('/home/u/t');
    expect(expandHome('--token-file', 'rel/~t', '/home/u')).toBe(join(process.cwd(), 'rel', '~t'));
    expect(() => expandHome('--token-file', '~bob/t', '/home/u')).toThrow('--token-file: "~bob/t" starts with ~user, which RoleTray does not expand; give the full path');
  });
});
