import { describe, expect, it } from 'vitest';
import type { RoleRef } from '../credentials/types';
import { chainsFromAwsConfig } from './config-chains';
import { resolveProfile, tryResolve, type ChainSources } from './resolve';

const ADMIN: RoleRef = { startUrl: 'https://example-sso.awsapps.com/start', region: 'eu-west-1', accountId: '111111111111', roleName: 'Admin' };

function sources(over: Partial<ChainSources> = {}): ChainSources {
  return {
    chains: [],
    configChains: [],
    iamUsers: [{ name: 'alice' }],
    ssoRole: (name) => (name === 'dev-admin' ? ADMIN : undefined),
    rolesListed: true,
    ...over,
  };
}

describe('resolveProfile', () => {
  it('walks a RoleTray chain back to its IAM Identity Center role', () => {
    const s = sources({ chains: [{ profileName: 'deploy', roleArn: 'arn:aws:iam::222222222222:role/Deploy', via: 'dev-admin', externalId: 'shared-secret' }] });
    expect(resolveProfile('deploy', s)).toEqual({
      root: { kind: 'sso', profileName: 'dev-admin', role: ADMIN },
      hops: [{ profileName: 'deploy', roleArn: 'arn:aws:iam::222222222222:role/Deploy', externalId: 'shared-secret' }],
    });
  });

  it('follows ~/.aws/config two hops deep, and an IAM user as the root', () => {
    const config = chainsFromAwsConfig(`
[profile target]
role_arn = arn:aws:iam::333333333333:role/Target
source_profile = middle
mfa_process = echo 123456

[profile middle]
role_arn = arn:aws:iam::222222222222:role/Middle
source_profile = alice
duration_seconds = 7200
region = eu-central-1
`);
    const d = resolveProfile('target', sources({ configChains: config }));
    expect(d.root).toEqual({ kind: 'iam-user', user: 'alice' });
    expect(d.hops).toEqual([
      { profileName: 'middle', roleArn: 'arn:aws:iam::222222222222:role/Middle', durationSeconds: 7200, region: 'eu-central-1' },
      { profileName: 'target', roleArn: 'arn:aws:iam::333333333333:role/Target', mfaProcess: 'echo 123456' },
    ]);
  });

  it('lets a RoleTray chain win over an ~/.aws/config profile of the same name', () => {
    const config = chainsFromAwsConfig('[profile deploy]\nrole_arn = arn:aws:iam::999999999999:role/Other\nsource_profile = dev-admin\n');
    const d = resolveProfile('deploy', sources({ configChains: config, chains: [{ profileName: 'deploy', roleArn: 'arn:aws:iam::222222222222:role/Deploy', via: 'dev-admin' }] }));
    expect(d.hops[0]!.roleArn).toBe('arn:aws:iam::222222222222:role/Deploy');
  });

  it('refuses a loop, naming the profiles in it', () => {
    const config = chainsFromAwsConfig(`
[profile a]
role_arn = arn:aws:iam::222222222222:role/A
source_profile = b
[profile b]
role_arn = arn:aws:iam::222222222222:role/B
source_profile = c
[profile c]
role_arn = arn:aws:iam::222222222222:role/C
source_profile = a
`);
    expect(() => resolveProfile('a', sources({ configChains: config }))).toThrow('The profiles loop: a → b → c → a; one of them needs another source_profile');
    expect(tryResolve('b', sources({ configChains: config })).problem).toBe('The profiles loop: b → c → a → b; one of them needs another source_profile');
  });

  it('says which source is missing, and of which profile', () => {
    const s = sources({ chains: [{ profileName: 'deploy', roleArn: 'arn:aws:iam::222222222222:role/Deploy', via: 'nowhere' }] });
    expect(() => resolveProfile('deploy', s)).toThrow(
      'Profile deploy is assumed from nowhere (its source_profile), but there is no profile nowhere: it is not a RoleTray chain, an IAM user RoleTray keeps, an ~/.aws/config profile with role_arn, nor an IAM Identity Center role you can load (for an IAM user, add its keys under Chains & IAM users in the window, or with `roletray iam add NAME`)',
    );
    expect(() => resolveProfile('ghost', s)).toThrow(/^There is no profile ghost: it is not a RoleTray chain/);
  });

  it('says to sign in first when a missing source may be a role of a list not in yet', () => {
    const s = sources({ rolesListed: false, chains: [{ profileName: 'deploy', roleArn: 'arn:aws:iam::222222222222:role/Deploy', via: 'prod-admin' }] });
    expect(tryResolve('deploy', s).problem).toMatch(
      /^Profile deploy is assumed from prod-admin \(its source_profile\), but there is no profile prod-admin: .*\. Not every IAM Identity Center role list is in yet: if prod-admin is one of its roles, sign in to IAM Identity Center first, then try again$/,
    );
    expect(() => resolveProfile('ghost', s)).toThrow(/Not every IAM Identity Center role list is in yet: if ghost is one of its roles, sign in to IAM Identity Center first/);
  });

  it('caps every hop from a role at an hour, but not a hop from an IAM user', () => {
    const fromRole = sources({ chains: [{ profileName: 'deploy', roleArn: 'arn:aws:iam::222222222222:role/Deploy', via: 'dev-admin', durationSeconds: 7200 }] });
    expect(() => resolveProfile('deploy', fromRole)).toThrow(
      'Profile deploy: duration_seconds 7200 must be a whole number from 900 to 3600 (the source is itself a role, and AWS caps a chained role session at one hour)',
    );
    const fromUser = sources({ chains: [{ profileName: 'deploy', roleArn: 'arn:aws:iam::222222222222:role/Deploy', via: 'alice', durationSeconds: 7200 }] });
    expect(resolveProfile('deploy', fromUser).hops[0]!.durationSeconds).toBe(7200);
  });

  it('refuses ~/.aws/config profiles it cannot follow, with the reason', () => {
    const config = chainsFromAwsConfig(`
[profile ec2]
role_arn = arn:aws:iam::222222222222:role/A
credential_source = Ec2InstanceMetadata
[profile bare]
role_arn = arn:aws:iam::222222222222:role/B
`);
    expect(tryResolve('ec2', sources({ configChains: config })).problem).toBe('profile ec2 takes its credentials from credential_source, which RoleTray does not read; give it a source_profile instead');
    expect(tryResolve('bare', sources({ configChains: config })).problem).toBe('profile bare has role_arn but no source_profile to assume it from');
  });

  it('refuses a malformed role ARN from ~/.aws/config before any request', () => {
    const config = chainsFromAwsConfig('[profile bad]\nrole_arn = arn:aws:iam::1234:role/X\nsource_profile = dev-admin\n');
    expect(tryResolve('bad', sources({ configChains: config })).problem).toBe('Profile bad: role_arn "arn:aws:iam::1234:role/X" is not a role ARN such as arn:aws:iam::123456789012:role/Deploy');
  });
});
