import { describe, expect, it } from 'vitest';
import { EMPTY_IAM_USER_FIELDS, iamUserFieldProblems, iamUserRequestOf } from './iam-user-form';

const filled = { name: 'alice', accessKeyId: 'AKIAEXAMPLE000000001', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', mfaSerial: '', region: '' };

describe('the "Add an IAM user" form', () => {
  it('asks for the name and both keys', () => {
    expect(iamUserFieldProblems(EMPTY_IAM_USER_FIELDS, [])).toEqual({
      name: 'Enter a name to load and chain this IAM user by, such as alice',
      accessKeyId: 'Enter the access key ID (it starts with AKIA)',
      secretAccessKey: 'Paste the secret access key that came with the access key ID',
    });
    expect(iamUserFieldProblems(filled, [])).toEqual({});
  });

  it('refuses a name another IAM user has, before the keys are sent', () => {
    expect(iamUserFieldProblems({ ...filled, name: ' alice ' }, ['bob', 'alice'])).toEqual({ name: 'There is already an IAM user named alice: remove it first, or choose another name' });
  });

  it('checks the MFA serial and region by the shared rules', () => {
    expect(iamUserFieldProblems({ ...filled, mfaSerial: 'abc', region: 'moon-1' }, [])).toEqual({
      mfaSerial: 'The MFA serial is neither an MFA device ARN nor a hardware serial (9 to 256 letters, digits or _+=/:,.@-)',
      region: 'The region must be an AWS region such as us-east-1',
    });
  });

  it('sends the fields trimmed, leaving out the empty optional ones', () => {
    expect(iamUserRequestOf({ ...filled, secretAccessKey: `${filled.secretAccessKey}\n`, mfaSerial: ' arn:aws:iam::111111111111:mfa/alice ' })).toEqual({
      name: 'alice',
      accessKeyId: 'AKIAEXAMPLE000000001',
      secretAccessKey: filled.secretAccessKey,
      mfaSerial: 'arn:aws:iam::111111111111:mfa/alice',
    });
  });
});
