import { describe, expect, it } from 'vitest';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { awsConfigPath } from './sso/aws-config-import';
import { configDirFor, resolveConfigDir } from './config-dir';

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
