import { CreateAccessKeyCommand, DeleteAccessKeyCommand, IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli } from '../test-support/aws-cli';
import { isolatedAwsEnv } from '../test-support/aws-env';
import { isolateAwsEnvironment } from '../test-support/sso-standin';
import { startStsStandin, type StsStandin } from '../test-support/sts-standin';

/**
 * IAM's access-key actions of the STS stand-in, read by the clients that call IAM: the real
 * @aws-sdk/client-iam (which RoleTray's rotation uses) and the AWS CLI, each pointed at the
 * stand-in's loopback URL, so that every answer and error has the shape they parse.
 */

const ACCOUNT = '666666666666';

interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

let restoreEnv: () => void;
let sts: StsStandin;
beforeAll(async () => {
  restoreEnv = isolateAwsEnvironment();
  sts = await startStsStandin();
});
afterAll(async () => {
  await sts?.close();
  restoreEnv?.();
});

const iam = (keys: Keys) => new IAMClient({ endpoint: sts.url, region: 'us-east-1', credentials: keys, maxAttempts: 1 });
const refusal = (request: Promise<unknown>) =>
  request.then(
    () => 'answered',
    (e: { name: string; message: string; $metadata?: { httpStatusCode?: number } }) => `${e.$metadata?.httpStatusCode} ${e.name}: ${e.message}`,
  );
const cli = (keys: Keys, args: string[]) =>
  awsCli(['iam', ...args, '--endpoint-url', sts.url, '--region', 'us-east-1', '--output', 'json'], isolatedAwsEnv({ AWS_ACCESS_KEY_ID: keys.accessKeyId, AWS_SECRET_ACCESS_KEY: keys.secretAccessKey }));

describe('IAM access keys at the STS stand-in', () => {
  it('the SDK and the AWS CLI read CreateAccessKey, ListAccessKeys and DeleteAccessKey of the calling user', async () => {
    const user = sts.addUser({ userName: 'gina', accountId: ACCOUNT });
    const created = (await iam(user).send(new CreateAccessKeyCommand({}))).AccessKey!;
    expect(created).toMatchObject({ UserName: 'gina', Status: 'Active', AccessKeyId: expect.stringMatching(/^AKIA[A-Z2-7]{16}$/), SecretAccessKey: expect.any(String) });
    expect(created.CreateDate).toBeInstanceOf(Date);
    const listed = (await iam(user).send(new ListAccessKeysCommand({}))).AccessKeyMetadata!;
    expect(listed.map((k) => [k.UserName, k.AccessKeyId, k.Status])).toEqual([
      ['gina', user.accessKeyId, 'Active'],
      ['gina', created.AccessKeyId, 'Active'],
    ]);
    const byCli = await cli(user, ['list-access-keys']);
    expect(byCli.code, byCli.stderr).toBe(0);
    expect((JSON.parse(byCli.stdout) as { AccessKeyMetadata: { AccessKeyId: string }[] }).AccessKeyMetadata.map((k) => k.AccessKeyId)).toEqual([user.accessKeyId, created.AccessKeyId]);

    const fresh = { accessKeyId: created.AccessKeyId!, secretAccessKey: created.SecretAccessKey! };
    expect(await iam(fresh).send(new DeleteAccessKeyCommand({ AccessKeyId: user.accessKeyId }))).toMatchObject({ $metadata: { httpStatusCode: 200 } });
    expect(sts.accessKeys('gina')).toEqual([created.AccessKeyId]);
    expect(await refusal(iam(user).send(new ListAccessKeysCommand({})))).toBe('403 InvalidClientTokenId: The security token included in the request is invalid.');
    expect(await refusal(iam(fresh).send(new DeleteAccessKeyCommand({ AccessKeyId: user.accessKeyId })))).toBe(`404 NoSuchEntityException: The Access Key with id ${user.accessKeyId} cannot be found.`);
    const made = await cli(fresh, ['create-access-key']);
    expect(made.code, made.stderr).toBe(0);
    expect((JSON.parse(made.stdout) as { AccessKey: { UserName: string } }).AccessKey.UserName).toBe('gina');
  });

  it("refuses a third key, another user's keys, a session without MFA and a role without a user name, as IAM words it", async () => {
    const user = sts.addUser({ userName: 'hank', accountId: ACCOUNT, mfa: {} });
    await iam(user).send(new CreateAccessKeyCommand({}));
    expect(await refusal(iam(user).send(new CreateAccessKeyCommand({})))).toBe('409 LimitExceededException: Cannot exceed quota for AccessKeysPerUser: 2');
    const third = await cli(user, ['create-access-key']);
    expect(third.stderr).toContain('An error occurred (LimitExceeded) when calling the CreateAccessKey operation: Cannot exceed quota for AccessKeysPerUser: 2');
    expect(await refusal(iam(user).send(new ListAccessKeysCommand({ UserName: 'gina' })))).toBe(
      `403 AccessDenied: User: ${user.arn} is not authorized to perform: iam:ListAccessKeys on resource: user gina because no identity-based policy allows the iam:ListAccessKeys action`,
    );

    const session = async (mfa: boolean) => {
      const c = (await new STSClient({ endpoint: sts.url, region: 'us-east-1', credentials: user, maxAttempts: 1 }).send(
        new GetSessionTokenCommand(mfa ? { SerialNumber: user.mfa!.serial, TokenCode: sts.mfaCode(user.mfa!.serial) } : {}),
      )).Credentials!;
      return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    };
    expect(await refusal(iam(await session(false)).send(new ListAccessKeysCommand({})))).toBe('403 InvalidClientTokenId: The security token included in the request is invalid.');
    expect((await iam(await session(true)).send(new ListAccessKeysCommand({}))).AccessKeyMetadata).toHaveLength(2);

    sts.addRole({ arn: `arn:aws:iam::${ACCOUNT}:role/Ops`, trusts: [ACCOUNT] });
    const role = (await new STSClient({ endpoint: sts.url, region: 'us-east-1', credentials: user, maxAttempts: 1 }).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/Ops`, RoleSessionName: 'ops' }))).Credentials!;
    expect(await refusal(iam({ accessKeyId: role.AccessKeyId!, secretAccessKey: role.SecretAccessKey!, sessionToken: role.SessionToken! }).send(new CreateAccessKeyCommand({})))).toBe(
      '400 ValidationError: Must specify userName when calling with non-User credentials',
    );

    sts.denyIam('hank', ['DeleteAccessKey']);
    const [, second] = sts.accessKeys('hank');
    expect(await refusal(iam(user).send(new DeleteAccessKeyCommand({ AccessKeyId: second! })))).toMatch(/^403 AccessDenied: User: .* is not authorized to perform: iam:DeleteAccessKey on resource: user hank/);
  });
});
