import { afterEach, describe, expect, it } from 'vitest';
import type { AppState } from '../../preload/api';
import { role } from '../../test-support/app-state';
import { startScriptedOwner, type ScriptedOwner } from '../../test-support/scripted-owner';
import { recordingIo } from './cli-test-io';
import { roles } from './sso-commands';
import { SSO_CLI } from './sso-deps';

let owner: ScriptedOwner | undefined;
afterEach(async () => {
  await owner?.close();
  owner = undefined;
});

const DERIVED: Partial<AppState> = {
  chains: [
    { profileName: 'deploy', via: '111111111111:Admin', roleArn: 'arn:aws:iam::222222222222:role/Deploy', origin: 'roletray' },
    { profileName: 'loop-a', via: 'loop-b', roleArn: 'arn:aws:iam::333333333333:role/A', origin: 'aws-config', problem: 'The profiles loop: loop-a → loop-b → loop-a; one of them needs another source_profile' },
  ],
  iamUsers: [{ name: 'alice', accessKeyHint: 'AKIA…WXYZ', mfaSerial: 'arn:aws:iam::111111111111:mfa/alice', region: 'eu-west-1' }],
};

async function run(argv: string[], state: Partial<AppState>) {
  owner = await startScriptedOwner({ listRoles: () => (state.sso?.length === 0 ? [] : [role('111111111111', 'Admin', 'dev')]) }, state);
  const io = recordingIo({ ROLETRAY_CONFIG_DIR: owner.configDir });
  return { code: await roles(argv, io, SSO_CLI), out: io.out };
}

describe('roles lists the chained profiles and IAM users after the catalogue', () => {
  it('each in its own section, a problem under its chain', async () => {
    expect(await run([], DERIVED)).toEqual({
      code: 0,
      out: [
        'PROFILE             ACCOUNT       ACCOUNT NAME  ROLE',
        '111111111111:Admin  111111111111  dev           Admin',
        '',
        'Chained profiles (roletray load -p PROFILE):',
        'PROFILE  ROLE ARN                               VIA                 FROM',
        'deploy   arn:aws:iam::222222222222:role/Deploy  111111111111:Admin  roletray',
        'loop-a   arn:aws:iam::333333333333:role/A       loop-b              ~/.aws/config',
        '  ! The profiles loop: loop-a → loop-b → loop-a; one of them needs another source_profile',
        '',
        'IAM users (roletray load -p NAME; roletray iam list):',
        'NAME   ACCESS KEY  MFA DEVICE                           REGION     SESSION',
        'alice  AKIA…WXYZ   arn:aws:iam::111111111111:mfa/alice  eu-west-1  -',
        '',
      ].join('\n'),
    });
  });

  it('filters them with the same search, and lists them with nothing to sign in to', async () => {
    const filtered = await run(['222222222222'], DERIVED);
    expect(filtered.out).toBe(
      'Chained profiles (roletray load -p PROFILE):\nPROFILE  ROLE ARN                               VIA                 FROM\ndeploy   arn:aws:iam::222222222222:role/Deploy  111111111111:Admin  roletray\n',
    );
    await owner!.close();
    const noSso = await run(['alice'], { ...DERIVED, sso: [] });
    expect(noSso.out).toBe('IAM users (roletray load -p NAME; roletray iam list):\nNAME   ACCESS KEY  MFA DEVICE                           REGION     SESSION\nalice  AKIA…WXYZ   arn:aws:iam::111111111111:mfa/alice  eu-west-1  -\n');
  });

  it('--json appends them to the catalogue, told apart by "source"', async () => {
    const { out } = await run(['--json'], DERIVED);
    expect((JSON.parse(out) as { profileName: string; source?: string }[]).map((e) => [e.profileName, e.source])).toEqual([
      ['111111111111:Admin', undefined],
      ['deploy', 'assumed'],
      ['loop-a', 'assumed'],
      ['alice', 'iam-user'],
    ]);
  });
});
