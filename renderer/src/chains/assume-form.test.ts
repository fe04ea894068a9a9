import { describe, expect, it } from 'vitest';
import { assumeFieldProblems, definitionOf, EMPTY_ASSUME_FIELDS, type AssumeFields } from './assume-form';
import { inFieldWords } from './field-words';

const ARN = 'arn:aws:iam::222222222222:role/Deploy';
const fields = (over: Partial<AssumeFields>): AssumeFields => ({ ...EMPTY_ASSUME_FIELDS, ...over });

describe('the "Assume a role" form', () => {
  it('asks for the role ARN, and says what one looks like', () => {
    expect(assumeFieldProblems(EMPTY_ASSUME_FIELDS, 'dev-admin', true)).toEqual({ roleArn: 'Enter the ARN of the role to assume, such as arn:aws:iam::123456789012:role/Deploy' });
    expect(assumeFieldProblems(fields({ roleArn: 'arn:aws:iam::2222:role/Deploy' }), 'dev-admin', true).roleArn).toBe(
      "This is not a role ARN: it reads like arn:aws:iam::123456789012:role/Deploy (partition aws, aws-cn or aws-us-gov, a 12-digit account, then role/ and the role's name)",
    );
  });

  it('names the profile after the role when left empty, and not after its own source', () => {
    expect(definitionOf(fields({ roleArn: ` ${ARN} ` }), 'dev-admin')).toEqual({ profileName: 'Deploy', roleArn: ARN, via: 'dev-admin' });
    expect(assumeFieldProblems(fields({ roleArn: 'arn:aws:iam::222222222222:role/dev-admin' }), 'dev-admin', true)).toEqual({
      profileName: 'dev-admin is the profile it is assumed from: give this one another name',
    });
  });

  it('checks each optional field by the shared STS rules, in the window\'s words', () => {
    const problems = assumeFieldProblems(
      fields({ roleArn: ARN, roleSessionName: 'a b', externalId: 'x'.repeat(1225), durationSeconds: '7200', mfaSerial: 'arn:aws:iam::1:mfa/alice', region: 'mars' }),
      'dev-admin',
      true,
    );
    expect(problems).toEqual({
      roleSessionName: 'The session name must be 2 to 64 letters, digits or any of _+=,.@-',
      externalId: 'The external ID is 1225 characters long; STS takes at most 1224',
      durationSeconds: 'The duration must be a whole number from 900 to 3600 (the source is itself a role, and AWS caps a chained role session at one hour)',
      mfaSerial: 'The MFA serial is not an MFA device ARN such as arn:aws:iam::123456789012:mfa/alice',
      region: 'The region must be an AWS region such as us-east-1',
    });
    // From an IAM user, not a role: up to 12 hours.
    expect(assumeFieldProblems(fields({ roleArn: ARN, durationSeconds: '7200' }), 'alice', false)).toEqual({});
    expect(assumeFieldProblems(fields({ roleArn: ARN, durationSeconds: '1h' }), 'alice', false)).toEqual({ durationSeconds: 'Enter the duration in whole seconds, such as 3600' });
  });

  it('sends only the fields filled in', () => {
    expect(definitionOf(fields({ roleArn: ARN, profileName: 'deploy', externalId: 'ext-1', durationSeconds: '900', mfaSerial: 'arn:aws:iam::111111111111:mfa/alice', region: 'eu-west-1', roleSessionName: 'me' }), 'dev-admin')).toEqual({
      profileName: 'deploy',
      roleArn: ARN,
      via: 'dev-admin',
      roleSessionName: 'me',
      externalId: 'ext-1',
      durationSeconds: 900,
      mfaSerial: 'arn:aws:iam::111111111111:mfa/alice',
      region: 'eu-west-1',
    });
  });
});

describe('inFieldWords', () => {
  it('turns the command line\'s setting name into the field\'s, whatever the value holds', () => {
    expect(inFieldWords('role_session_name "a "b" must be short', 'role_session_name', 'a "b', 'session name')).toBe('The session name must be short');
    expect(inFieldWords('something else entirely', 'external_id', 'x', 'external ID')).toBe('Something else entirely');
    expect(inFieldWords(undefined, 'external_id', 'x', 'external ID')).toBeUndefined();
  });
});
