import { describe, expect, it } from 'vitest';
import { definitionProblems, durationProblem, externalIdProblem, mfaCodeProblem, mfaSerialProblem, parseRoleArn, roleArnProblem, roleSessionNameProblem, sourceIdentityProblem } from './sts-rules';

const base = { profileName: 'deploy', roleArn: 'arn:aws:iam::222222222222:role/Deploy', via: 'dev-admin' };

describe('STS parameter rules', () => {
  it('takes role ARNs of every partition, with a path, and gives their parts', () => {
    expect(parseRoleArn('arn:aws-us-gov:iam::222222222222:role/team/ci/Deploy')).toEqual({ partition: 'aws-us-gov', accountId: '222222222222', roleName: 'Deploy' });
    expect(roleArnProblem('arn:aws-cn:iam::222222222222:role/Deploy')).toBeUndefined();
  });

  it.each(['arn:aws:iam::22222222222:role/Deploy', 'arn:aws:iam::222222222222:user/alice', 'arn:aws:sts::222222222222:role/Deploy', 'arn:aws:iam::222222222222:role/', 'Deploy', 'arn:aws:iam::222222222222:role/a b'])(
    'refuses %s as a role ARN',
    (arn) => {
      expect(roleArnProblem(arn)).toBe(`role_arn "${arn}" is not a role ARN such as arn:aws:iam::123456789012:role/Deploy`);
    },
  );

  it('takes session names and source identities of 2 to 64 of STS characters', () => {
    expect(roleSessionNameProblem('alice@example.com')).toBeUndefined();
    expect(roleSessionNameProblem('a')).toBe('role_session_name "a" must be 2 to 64 letters, digits or any of _+=,.@-');
    expect(roleSessionNameProblem('x'.repeat(65))).toMatch(/^role_session_name "x+" must be 2 to 64/);
    expect(sourceIdentityProblem('alice smith')).toBe('source_identity "alice smith" must be 2 to 64 letters, digits or any of _+=,.@-');
  });

  it('takes external ids up to 1224 characters, and says how long a longer one is', () => {
    expect(externalIdProblem('x'.repeat(1224))).toBeUndefined();
    expect(externalIdProblem('x'.repeat(1225))).toBe('external_id is 1225 characters long; STS takes at most 1224');
    expect(externalIdProblem('a b')).toBe('external_id must be 2 to 1224 letters, digits or any of _+=,.@:/-');
  });

  it('takes durations from 900 seconds to 12 hours, or an hour when the source is a role', () => {
    expect(durationProblem(900, true)).toBeUndefined();
    expect(durationProblem(43_200, false)).toBeUndefined();
    expect(durationProblem(899, false)).toBe('duration_seconds 899 must be a whole number from 900 to 43200');
    expect(durationProblem(3601, true)).toBe(
      'duration_seconds 3601 must be a whole number from 900 to 3600 (the source is itself a role, and AWS caps a chained role session at one hour)',
    );
    expect(durationProblem(1000.5, false)).toBe('duration_seconds 1000.5 must be a whole number from 900 to 43200');
  });

  it('takes MFA device ARNs and hardware serials', () => {
    expect(mfaSerialProblem('arn:aws:iam::111111111111:mfa/alice')).toBeUndefined();
    expect(mfaSerialProblem('GAHT12345678')).toBeUndefined();
    expect(mfaSerialProblem('arn:aws:iam::111111111111:user/alice')).toBe('mfa_serial "arn:aws:iam::111111111111:user/alice" is not an MFA device ARN such as arn:aws:iam::123456789012:mfa/alice');
    expect(mfaSerialProblem('short')).toBe('mfa_serial "short" is neither an MFA device ARN nor a hardware serial (9 to 256 letters, digits or _+=/:,.@-)');
  });

  it('takes six digits as an MFA code, nothing else', () => {
    expect(mfaCodeProblem('012345')).toBeUndefined();
    for (const code of ['12345', '1234567', '12345a', ' 123456']) expect(mfaCodeProblem(code)).toBe('an MFA code is the 6 digits your authenticator shows');
  });

  it('lists every problem of a definition in the AWS CLI names', () => {
    expect(definitionProblems(base, true)).toEqual([]);
    expect(definitionProblems({ ...base, roleArn: 'Deploy', externalId: 'x'.repeat(1300), durationSeconds: 7200, region: 'mars' }, true)).toEqual([
      'role_arn "Deploy" is not a role ARN such as arn:aws:iam::123456789012:role/Deploy',
      'external_id is 1300 characters long; STS takes at most 1224',
      'duration_seconds 7200 must be a whole number from 900 to 3600 (the source is itself a role, and AWS caps a chained role session at one hour)',
      'region: the region must be an AWS region such as us-east-1',
    ]);
    expect(definitionProblems({ ...base, via: 'deploy' }, false)).toEqual(['profile deploy cannot be its own source_profile']);
    expect(definitionProblems({ ...base, via: ' ' }, false)).toEqual(['source_profile (the profile it is assumed from) is empty']);
  });
});
