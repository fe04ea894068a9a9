import { CreateAccessKeyCommand, DeleteAccessKeyCommand, IAMClient } from '@aws-sdk/client-iam';
import { describeError, UserError } from '../../common/user-error';
import { IamRefusedError } from './errors';
import { sdkCredentials, signedCall, type CallFailure } from './signed-call';
import type { AwsKeys } from './sts-calls';

/** IAM is global: its one endpoint is signed for us-east-1 (aws partition). */
const IAM_REGION = 'us-east-1';

/** The calls RoleTray makes to IAM, on the calling user's own keys, each signed with the keys it is given. */
export interface IamCalls {
  /** A new access key of the calling user (no UserName: IAM takes the caller, as aws-vault asks). */
  createAccessKey(keys: AwsKeys): Promise<{ accessKeyId: string; secretAccessKey: string }>;
  deleteAccessKey(keys: AwsKeys, accessKeyId: string): Promise<void>;
}

/** IAM's failure as what the person reads: what was asked, and IAM's code and reason for the caller to word further. */
function explained(failure: CallFailure, err: unknown, what: string): Error {
  if (failure.kind === 'unanswered') return new UserError(`IAM did not answer ${what} (${describeError(err)})`);
  // The SDK names modelled errors LimitExceededException, NoSuchEntityException; IAM's own codes have no suffix.
  const code = failure.code.replace(/Exception$/, '');
  return new IamRefusedError(`IAM refused ${what}: ${failure.reason} (${code})`, code, failure.reason);
}

/**
 * IAM through the AWS SDK, one client per call (each is signed with other keys). No `endpoint`
 * unless one is given, so the SDK's own resolution applies and AWS_ENDPOINT_URL_IAM redirects it.
 * `maxAttempts: 1`: the waits for a new key are ours, on our clock.
 */
export function iamCalls(endpoint?: string): IamCalls {
  const send = async <T>(keys: AwsKeys, what: string, call: (client: IAMClient) => Promise<T>): Promise<T> =>
    signedCall(new IAMClient({ region: IAM_REGION, maxAttempts: 1, credentials: sdkCredentials(keys), ...(endpoint ? { endpoint } : {}) }), call, (failure, err) => explained(failure, err, what));
  return {
    createAccessKey: (keys) =>
      send(keys, 'to create a new access key (CreateAccessKey)', async (client) => {
        const key = (await client.send(new CreateAccessKeyCommand({}))).AccessKey;
        if (!key?.AccessKeyId || !key.SecretAccessKey) throw new Error('CreateAccessKey answered without a key id and secret');
        return { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };
      }),
    deleteAccessKey: (keys, accessKeyId) =>
      send(keys, `to delete the access key ${accessKeyId} (DeleteAccessKey)`, async (client) => {
        await client.send(new DeleteAccessKeyCommand({ AccessKeyId: accessKeyId }));
      }),
  };
}
