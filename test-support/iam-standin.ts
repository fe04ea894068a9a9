import { AwsQueryError, invalidToken, isoSeconds, keyChars, newSecret, Validation, type XmlValue } from './aws-query';

/**
 * IAM's access-key actions for the STS stand-in (test-support/sts-standin.ts), which serves them
 * at its own URL to requests signed for the `iam` service: CreateAccessKey, DeleteAccessKey and
 * ListAccessKeys of the calling user, in IAM's query protocol, with IAM's own error codes and
 * messages. The keys are the ones the STS stand-in checks signatures with, so a key made here
 * signs STS calls and a key deleted here stops working there. Like IAM, it refuses GetSessionToken
 * credentials made without MFA, and a user has at most two keys.
 */

export const IAM_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';
export const IAM_VERSION = '2010-05-08';
/** IAM's quota AccessKeysPerUser. */
export const ACCESS_KEYS_PER_USER = 2;

export type IamAction = 'CreateAccessKey' | 'DeleteAccessKey' | 'ListAccessKeys';

/** An IAM user's long-term key, as IAM keeps it. */
export interface IamKey {
  accessKeyId: string;
  secretAccessKey: string;
  createdAt: number;
}

/** What IAM's actions need of the stand-in that keeps the keys. */
export interface IamKeyStore {
  keysOf(accountId: string, userName: string): IamKey[];
  addKey(accountId: string, userName: string, key: IamKey): void;
  deleteKey(accessKeyId: string): void;
  /** The actions the user's policies do not allow (a test's choice). */
  denied(accountId: string, userName: string): ReadonlySet<IamAction>;
  now(): number;
}

/** The caller, once its signature is verified, as IAM tells users, sessions and roles apart. */
export interface IamCaller {
  kind: 'sso-role' | 'assumed-role' | 'iam-user' | 'iam-user-session';
  accountId: string;
  arn: string;
  mfa: boolean;
  /** The IAM user behind long-term keys and GetSessionToken sessions. */
  userName?: string;
}

type IamHandler = (params: URLSearchParams, caller: IamCaller) => Record<string, XmlValue> | undefined;

/** IAM's actions on the calling user's keys; an answer of `undefined` has no Result element (DeleteAccessKey). */
export function iamActions(store: IamKeyStore): Record<IamAction, IamHandler> {
  /** The user the call acts on: the caller itself, which IAM assumes when UserName is left out. */
  const subject = (action: IamAction, params: URLSearchParams, caller: IamCaller): string => {
    // IAM refuses every call made with GetSessionToken credentials that carry no MFA.
    if (caller.kind === 'iam-user-session' && !caller.mfa) throw invalidToken();
    const named = params.get('UserName') ?? undefined;
    const v = new Validation();
    v.check('userName', named, { min: 1, max: 128, pattern: '[\\w+=,.@-]+' });
    v.throwIfAny();
    const self = caller.userName;
    if (self === undefined && named === undefined) throw new AwsQueryError(400, 'ValidationError', 'Must specify userName when calling with non-User credentials');
    const target = named ?? self!;
    // The stand-in grants no one rights on other users: that would take an administrator's policy.
    if (target !== self || store.denied(caller.accountId, self).has(action)) {
      throw new AwsQueryError(403, 'AccessDenied', `User: ${caller.arn} is not authorized to perform: iam:${action} on resource: user ${target} because no identity-based policy allows the iam:${action} action`);
    }
    return target;
  };
  const metadata = (userName: string, key: IamKey) => ({ UserName: userName, AccessKeyId: key.accessKeyId, Status: 'Active', CreateDate: isoSeconds(key.createdAt) });

  return {
    CreateAccessKey: (params, caller) => {
      const user = subject('CreateAccessKey', params, caller);
      if (store.keysOf(caller.accountId, user).length >= ACCESS_KEYS_PER_USER) {
        throw new AwsQueryError(409, 'LimitExceeded', `Cannot exceed quota for AccessKeysPerUser: ${ACCESS_KEYS_PER_USER}`);
      }
      const key: IamKey = { accessKeyId: `AKIA${keyChars(16)}`, secretAccessKey: newSecret(), createdAt: Math.floor(store.now() / 1000) * 1000 };
      store.addKey(caller.accountId, user, key);
      // The order IAM sends them in.
      return { AccessKey: { UserName: user, AccessKeyId: key.accessKeyId, Status: 'Active', SecretAccessKey: key.secretAccessKey, CreateDate: isoSeconds(key.createdAt) } };
    },

    DeleteAccessKey: (params, caller) => {
      const accessKeyId = params.get('AccessKeyId') ?? undefined;
      const v = new Validation();
      v.check('accessKeyId', accessKeyId, { required: true, min: 16, max: 128, pattern: '[\\w]+' });
      v.throwIfAny();
      const user = subject('DeleteAccessKey', params, caller);
      if (!store.keysOf(caller.accountId, user).some((k) => k.accessKeyId === accessKeyId)) {
        throw new AwsQueryError(404, 'NoSuchEntity', `The Access Key with id ${accessKeyId} cannot be found.`);
      }
      store.deleteKey(accessKeyId!);
      return undefined;
    },

    ListAccessKeys: (params, caller) => {
      const user = subject('ListAccessKeys', params, caller);
      return { AccessKeyMetadata: store.keysOf(caller.accountId, user).map((k) => metadata(user, k)), IsTruncated: false };
    },
  };
}
