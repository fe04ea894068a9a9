import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startScriptedOwner, type ScriptedOwner } from '../../test-support/scripted-owner';
import { assumeDefinition, wantsAssume, type AssumeValues } from './assume-flags';
import { recordingIo } from './cli-test-io';
import { load } from './slot-commands';

const ARN = 'arn:aws:iam::222222222222:role/Deploy';
const base: AssumeValues = { assume: ARN, via: 'dev-admin' };

describe('wantsAssume', () => {
  it('is false for a load without --assume, true with it and --via', () => {
    expect(wantsAssume({ profile: 'x' })).toBe(false);
    expect(wantsAssume(base)).toBe(true);
  });

  it('needs --via with --assume', () => {
    expect(() => wantsAssume({ assume: ARN })).toThrow('--assume needs --via PROFILE: the profile whose credentials assume the role (a role from roletray roles, a chained profile or an IAM user)');
  });

  it.each(['via', 'external-id', 'session-name', 'duration', 'mfa-serial', 'source-identity', 'region'] as const)('refuses --%s without --assume', (flag) => {
    expect(() => wantsAssume({ [flag]: 'x' })).toThrow(`--${flag} goes with --assume ROLE_ARN`);
  });

  it('refuses --save without --assume', () => {
    expect(() => wantsAssume({ save: true, profile: 'x' })).toThrow('--save goes with --assume ROLE_ARN');
  });
});

describe('assumeDefinition', () => {
  it('takes every parameter as the AWS CLI names it, and names the profile ACCOUNT:ROLE by default', () => {
    expect(assumeDefinition(base, true)).toEqual({ profileName: '222222222222:Deploy', roleArn: ARN, via: 'dev-admin' });
    const full = {
      ...base,
      assume: 'arn:aws-us-gov:iam::222222222222:role/team/ops/Deploy',
      profile: 'deploy',
      'external-id': 'ext-1234:/x',
      'session-name': 'alice@example.com',
      duration: '43200',
      'mfa-serial': 'arn:aws:iam::111111111111:mfa/alice',
      'source-identity': 'alice',
      region: 'eu-west-1',
    };
    expect(assumeDefinition(full, false)).toEqual({
      profileName: 'deploy',
      roleArn: 'arn:aws-us-gov:iam::222222222222:role/team/ops/Deploy',
      via: 'dev-admin',
      externalId: 'ext-1234:/x',
      roleSessionName: 'alice@example.com',
      durationSeconds: 43200,
      mfaSerial: 'arn:aws:iam::111111111111:mfa/alice',
      sourceIdentity: 'alice',
      region: 'eu-west-1',
    });
  });

  it.each([
    [{ assume: 'arn:aws:iam::22222222222:role/Deploy' }, '--assume: role_arn "arn:aws:iam::22222222222:role/Deploy" is not a role ARN such as arn:aws:iam::123456789012:role/Deploy'],
    [{ assume: 'arn:aws:iam::222222222222:user/alice' }, '--assume: role_arn "arn:aws:iam::222222222222:user/alice" is not a role ARN such as arn:aws:iam::123456789012:role/Deploy'],
    [{ assume: 'Deploy' }, '--assume: role_arn "Deploy" is not a role ARN such as arn:aws:iam::123456789012:role/Deploy'],
    [{ via: ' ' }, '--via: the profile to assume the role from is empty'],
    [{ profile: 'dev-admin' }, 'profile dev-admin cannot be assumed from itself: give the new profile another name with -p NAME'],
    [{ 'external-id': 'x'.repeat(1225) }, '--external-id: external_id is 1225 characters long; STS takes at most 1224'],
    [{ 'external-id': 'has space' }, '--external-id: external_id must be 2 to 1224 letters, digits or any of _+=,.@:/-'],
    [{ 'session-name': 'alice smith' }, '--session-name: role_session_name "alice smith" must be 2 to 64 letters, digits or any of _+=,.@-'],
    [{ 'session-name': 'a' }, '--session-name: role_session_name "a" must be 2 to 64 letters, digits or any of _+=,.@-'],
    [{ 'source-identity': 'al/ice' }, '--source-identity: source_identity "al/ice" must be 2 to 64 letters, digits or any of _+=,.@-'],
    [{ duration: '1h' }, '--duration is a number of seconds (900 to 43200), not "1h"'],
    [{ duration: '-900' }, '--duration is a number of seconds (900 to 43200), not "-900"'],
    [{ duration: '899' }, '--duration: duration_seconds 899 must be a whole number from 900 to 43200'],
    [{ duration: '43201' }, '--duration: duration_seconds 43201 must be a whole number from 900 to 43200'],
    [{ 'mfa-serial': 'arn:aws:iam::111111111111:user/alice' }, '--mfa-serial: mfa_serial "arn:aws:iam::111111111111:user/alice" is not an MFA device ARN such as arn:aws:iam::123456789012:mfa/alice'],
    [{ 'mfa-serial': 'GA12' }, '--mfa-serial: mfa_serial "GA12" is neither an MFA device ARN nor a hardware serial (9 to 256 letters, digits or _+=/:,.@-)'],
    [{ region: 'europe' }, '--region: the region must be an AWS region such as us-east-1, not "europe"'],
  ] as [Partial<AssumeValues>, string][])('refuses %j before any request', (change, message) => {
    expect(() => assumeDefinition({ ...base, ...change }, false)).toThrow(message);
  });

  it('caps the duration at an hour when the source is itself a role', () => {
    expect(assumeDefinition({ ...base, duration: '3600' }, true).durationSeconds).toBe(3600);
    expect(() => assumeDefinition({ ...base, duration: '3601' }, true)).toThrow(
      '--duration: duration_seconds 3601 must be a whole number from 900 to 3600 (the source is itself a role, and AWS caps a chained role session at one hour)',
    );
  });
});

describe('load --assume', () => {
  let owner: ScriptedOwner | undefined;
  afterEach(async () => {
    await owner?.close();
    owner = undefined;
  });
  const nobodyHome = () => ({ ROLETRAY_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'roletray-assume-')) });

  it('refuses bad input before looking for RoleTray: with nothing running the reason is still the input', async () => {
    await expect(load(['--assume', 'arn:aws:iam::1:role/X', '--via', 'dev'], recordingIo(nobodyHome()))).rejects.toMatchObject({
      message: '--assume: role_arn "arn:aws:iam::1:role/X" is not a role ARN such as arn:aws:iam::123456789012:role/Deploy',
      exitCode: 2,
    });
    await expect(load(['--assume', ARN, '--via', 'dev'], recordingIo(nobodyHome()))).rejects.toThrow('RoleTray is not running');
  });

  it.each([
    [['--creds-file', 'f.json'], '--assume and --creds-file exclude each other: the role is the ARN, its source --via'],
    [['--from-env'], '--assume and --from-env exclude each other: the role is the ARN, its source --via'],
    [['--arn', ARN], '--assume and --arn exclude each other: the role is the ARN, its source --via'],
    [['-A', '222222222222', '-R', 'Deploy'], '--assume and --account exclude each other: the role is the ARN, its source --via'],
    [['--server', '127.0.0.1:4144'], '--assume is loaded by the RoleTray that keeps it fresh through its source: it cannot go to another server (--server)'],
    [['--slotted', '--slot', 'x'], '--slotted and --slot exclude each other'],
  ])('refuses --assume with %j', async (extra, message) => {
    await expect(load(['--assume', ARN, '--via', 'dev', ...extra], recordingIo(nobodyHome()))).rejects.toThrow(message);
  });

  it('asks the owner to assume it, into the slot asked for, saving it when told', async () => {
    owner = await startScriptedOwner({ loadAssumed: ({ definition, slotted }) => ({ slot: slotted ? definition.profileName : '', profileName: definition.profileName }) });
    const io = recordingIo({ ROLETRAY_CONFIG_DIR: owner.configDir });
    expect(await load(['--assume', ARN, '--via', 'dev', '--external-id', 'ext-1', '-p', 'deploy', '--slotted', '--save'], io)).toBe(0);
    expect(io.out).toBe('Loaded deploy into slot "deploy".\nSaved deploy as a chained profile: roletray load -p deploy loads it again.\n');
    expect(owner.calls.filter((c) => c.op === 'loadAssumed').map((c) => c.arg)).toEqual([
      { definition: { profileName: 'deploy', roleArn: ARN, via: 'dev', externalId: 'ext-1' }, slotted: true, save: true },
    ]);
  });

  it("caps the duration at an hour once the owner says the source is a role, and not for an IAM user's", async () => {
    owner = await startScriptedOwner(
      { loadAssumed: ({ definition }) => ({ slot: '', profileName: definition.profileName }) },
      { iamUsers: [{ name: 'alice', accessKeyHint: 'AKIA…WXYZ' }] },
    );
    const env = { ROLETRAY_CONFIG_DIR: owner.configDir };
    await expect(load(['--assume', ARN, '--via', 'dev', '--duration', '7200'], recordingIo(env))).rejects.toThrow(
      '--duration: duration_seconds 7200 must be a whole number from 900 to 3600 (the source is itself a role, and AWS caps a chained role session at one hour)',
    );
    expect(owner.calls.some((c) => c.op === 'loadAssumed')).toBe(false);
    const io = recordingIo(env);
    expect(await load(['--assume', ARN, '--via', 'alice', '--duration', '7200', '--json'], io)).toBe(0);
    expect(JSON.parse(io.out)).toEqual({ slot: '', profile: '222222222222:Deploy', saved: false });
  });
});
