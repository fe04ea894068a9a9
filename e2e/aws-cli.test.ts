import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedAwsEnv } from '../test-support/aws-env';
import { awsCliCredentials } from '../test-support/aws-cli';
import { makeCreds } from '../test-support/credentials';
import { startTestServer, type TestServer } from '../test-support/test-server';

const TOKEN = 'cli-token-0123456789abcdefgh';
let server: TestServer;
const def = makeCreds();
const named = makeCreds({ roleName: 'Deploy' });

beforeAll(async () => {
  server = await startTestServer({ token: TOKEN });
  server.slots.load('', { profileName: 'dev:Admin', credentials: { ...def, accountId: '012345678901' } });
  server.slots.load('prod:Deploy', { profileName: 'prod:Deploy', credentials: { ...named, accountId: '012345678901' } });
});
afterAll(() => server.close());

function expectCreds(creds: Record<string, string> | undefined, expected: ReturnType<typeof makeCreds>) {
  expect(creds).toMatchObject({
    AccessKeyId: expected.accessKeyId,
    SecretAccessKey: expected.secretAccessKey,
    SessionToken: expected.sessionToken,
  });
  expect(Date.parse(creds!.Expiration!)).toBe(Math.floor(expected.expiration / 1000) * 1000);
}

describe('the Debian AWS CLI v2', () => {
  it('gets exactly the default slot, sending the token raw', async () => {
    const run = await awsCliCredentials(
      isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: server.url, AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN }),
    );
    expect(run.stderr).toBe('');
    expectCreds(run.creds, def);
  });

  it('gets a named slot through /slot/<escaped name>', async () => {
    const run = await awsCliCredentials(
      isolatedAwsEnv({
        AWS_CONTAINER_CREDENTIALS_FULL_URI: `${server.url}slot/${encodeURIComponent('prod:Deploy')}`,
        AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN,
      }),
    );
    expectCreds(run.creds, named);
  });

  it('fails cleanly, exit code non-zero, when the slot is empty', async () => {
    const run = await awsCliCredentials(
      isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${server.url}slot/nothing`, AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN }),
    );
    expect(run.code).not.toBe(0);
    expect(run.creds).toBeUndefined();
    expect(run.stderr).toMatch(/credentials/i);
  });

  it('fails without the token', async () => {
    const run = await awsCliCredentials(isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: server.url }));
    expect(run.code).not.toBe(0);
    expect(run.creds).toBeUndefined();
  });
});
