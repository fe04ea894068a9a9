import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient, type Credentials as StsCredentials } from '@aws-sdk/client-sts';
import { describeError } from '../../common/user-error';
import { StsRefusedError, StsUnavailableError } from './errors';
import { sdkCredentials, signedCall, type CallFailure } from './signed-call';

/** An access key pair, long-term (an IAM user's) or temporary (with its session token). */
export interface AwsKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Temporary credentials as STS granted them; `expiration` is epoch ms. */
export interface StsSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: number;
}

export interface AssumeRoleParams {
  roleArn: string;
  roleSessionName: string;
  externalId?: string;
  durationSeconds?: number;
  sourceIdentity?: string;
  mfa?: { serialNumber: string; tokenCode: string };
}

/** The calls RoleTray makes to STS, each signed with the keys it is given. */
export interface StsCalls {
  assumeRole(keys: AwsKeys, region: string, params: AssumeRoleParams): Promise<StsSession>;
  getSessionToken(keys: AwsKeys, region: string, mfa?: { serialNumber: string; tokenCode: string }): Promise<StsSession>;
  callerIdentity(keys: AwsKeys, region: string): Promise<{ account: string; arn: string }>;
}

function sessionOf(c: StsCredentials | undefined, what: string): StsSession {
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !(c.Expiration instanceof Date)) throw new Error(`${what} answered without complete credentials`);
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration.getTime() };
}

/** STS's failure as what the person reads: what was asked, and STS's own reason. */
function explained(failure: CallFailure, err: unknown, what: string, mfaSerial: string | undefined): Error {
  if (failure.kind === 'unanswered') return new StsUnavailableError(`STS did not answer ${what} (${describeError(err)})`);
  const { code, reason } = failure;
  if (mfaSerial && code === 'AccessDenied' && /MultiFactorAuthentication|MFA/i.test(reason)) {
    return new StsRefusedError(`The MFA code for ${mfaSerial} was not accepted (STS: ${reason}); nothing was stored. Try again with the current code.`, code);
  }
  return new StsRefusedError(`STS refused ${what}: ${reason} (${code})`, code);
}

/**
 * STS through the AWS SDK, one client per call (each call is signed with other keys). No
 * `endpoint` unless one is given, so the SDK's own resolution applies and AWS_ENDPOINT_URL_STS
 * redirects it. `maxAttempts: 1`: retries are ours, on our clock, like the SSO clients'.
 */
export function stsCalls(endpoint?: string): StsCalls {
  const send = async <T>(keys: AwsKeys, region: string, what: string, mfaSerial: string | undefined, call: (client: STSClient) => Promise<T>): Promise<T> =>
    signedCall(new STSClient({ region, maxAttempts: 1, credentials: sdkCredentials(keys), ...(endpoint ? { endpoint } : {}) }), call, (failure, err) => explained(failure, err, what, mfaSerial));
  return {
    assumeRole: (keys, region, p) =>
      send(keys, region, `to let you assume ${p.roleArn}`, p.mfa?.serialNumber, async (client) => {
        const answer = await client.send(
          new AssumeRoleCommand({
            RoleArn: p.roleArn,
            RoleSessionName: p.roleSessionName,
            ...(p.externalId !== undefined ? { ExternalId: p.externalId } : {}),
            ...(p.durationSeconds !== undefined ? { DurationSeconds: p.durationSeconds } : {}),
            ...(p.sourceIdentity !== undefined ? { SourceIdentity: p.sourceIdentity } : {}),
            ...(p.mfa ? { SerialNumber: p.mfa.serialNumber, TokenCode: p.mfa.tokenCode } : {}),
          }),
        );
        return sessionOf(answer.Credentials, `AssumeRole of ${p.roleArn}`);
      }),
    getSessionToken: (keys, region, mfa) =>
      send(keys, region, 'a session (GetSessionToken)', mfa?.serialNumber, async (client) => {
        const answer = await client.send(new GetSessionTokenCommand(mfa ? { SerialNumber: mfa.serialNumber, TokenCode: mfa.tokenCode } : {}));
        return sessionOf(answer.Credentials, 'GetSessionToken');
      }),
    callerIdentity: (keys, region) =>
      send(keys, region, 'who these keys belong to (GetCallerIdentity)', undefined, async (client) => {
        const answer = await client.send(new GetCallerIdentityCommand({}));
        if (!answer.Account || !answer.Arn) throw new Error('GetCallerIdentity answered without an account and ARN');
        return { account: answer.Account, arn: answer.Arn };
      }),
  };
}
