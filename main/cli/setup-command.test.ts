import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordingIo } from './cli-test-io';
import { setup } from './setup-command';

const START = 'https://my-org.awsapps.com/start';
const dirIo = () => {
  const dir = mkdtempSync(join(tmpdir(), 'roletray-setup-'));
  return { dir, io: recordingIo({ ROLETRAY_CONFIG_DIR: dir, HOME: dir }) };
};

describe('roletray setup region (no RoleTray running: the directory itself)', () => {
  it('sets, lists and removes default regions at each level, kept in the settings file', async () => {
    const { dir, io } = dirIo();
    expect(await setup(['region', '--start-url', START, 'eu-west-1'], io)).toBe(0);
    expect(await setup(['region', '--account', '012345678901', 'us-east-2'], io)).toBe(0);
    expect(await setup(['region', '--slot', '', 'ap-south-1'], io)).toBe(0);
    io.out = '';
    expect(await setup(['region'], io)).toBe(0);
    expect(io.out).toBe(`instance ${START}: eu-west-1\naccount 012345678901: us-east-2\nslot (default slot): ap-south-1\n`);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).regions).toEqual({ instances: { [START]: 'eu-west-1' }, accounts: { '012345678901': 'us-east-2' }, slots: { '': 'ap-south-1' } });
    io.out = '';
    expect(await setup(['region', '--account', '012345678901', '--unset', '--json'], io)).toBe(0);
    expect(JSON.parse(io.out)).toEqual({ instances: { [START]: 'eu-west-1' }, accounts: {}, slots: { '': 'ap-south-1' } });
  });

  it.each([
    [['region', 'eu-west-1'], 'for what? give --start-url URL, --account ID or --slot NAME'],
    [['region', '--account', '012345678901'], 'give the REGION, or --unset'],
    [['region', '--account', '1234', 'eu-west-1'], 'the account must be a 12-digit account id'],
    [['region', '--slot', 'dev', 'Ireland'], 'the region must be an AWS region such as us-east-1'],
    [['region', '--start-url', 'http://x', 'eu-west-1'], 'the start URL must be an https URL such as https://my-org.awsapps.com/start'],
    [['region', '--slot', 'a', '--account', '012345678901', 'eu-west-1'], 'give one of --start-url, --account and --slot'],
    [['region', '--slot', 'a', '--unset', 'eu-west-1'], 'a REGION or --unset, not both'],
    [['nothing'], 'unknown setup "nothing" (profiles or region)'],
  ])('refuses %j: %s', async (argv, message) => {
    const { io } = dirIo();
    await expect(setup(argv, io)).rejects.toMatchObject({ message, exitCode: 2 });
  });

  it('prints its help, and asks for what to set up', async () => {
    const { io } = dirIo();
    expect(await setup(['--help'], io)).toBe(0);
    expect(io.out).toContain('Usage: roletray setup profiles');
    expect(await setup([], io)).toBe(2);
  });
});
