// The key ids emulators and SDK tests use are not AWS-shaped (LocalStack `test`, moto `testing`
// and `FOOBARKEY`, the SDKs' `AKID`): each loads through PUT and the real AWS CLI reads it back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCliCredentials } from '../test-support/aws-cli';
import { isolatedAwsEnv } from '../test-support/aws-env';
import { rawRequest } from '../test-support/http';
import { startTestServer, type TestServer } from '../test-support/test-server';

const TOKEN = 'emulator-token-0123456789abcdef';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ token: TOKEN });
});
afterAll(() => server.close());

describe('emulator and SDK test keys', () => {
  it.each([
    ['LocalStack', 'test', 'test', 'test'],
    ['moto', 'testing', 'testing', 'testing'],
    ['moto (older)', 'FOOBARKEY', 'FOOBARSECRET', 'FOOBARTOKEN'],
    ['the SDKs\' tests', 'AKID', 'SECRET', 'SESSION'],
  ])('%s: %s loads and the AWS CLI gets it', async (_who, accessKeyId, secretAccessKey, sessionToken) => {
    const expiration = Date.now() + 3_600_000;
    const slot = `emulator-${accessKeyId}`;
    const put = await rawRequest(server.port, {
      method: 'PUT',
      path: `/slot/${slot}`,
      headers: { authorization: TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({ Creds: { accountId: '000000000000', roleName: 'Admin', accessKeyId, secretAccessKey, sessionToken, expiration } }),
    });
    expect(put.json).toEqual({ code: '200', message: 'OK' });
    const run = await awsCliCredentials(
      isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${server.url}slot/${slot}`, AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN }),
    );
    expect(run.stderr).toBe('');
    expect(run.creds).toMatchObject({ AccessKeyId: accessKeyId, SecretAccessKey: secretAccessKey, SessionToken: sessionToken });
    expect(Date.parse(run.creds!.Expiration!)).toBe(Math.floor(expiration / 1000) * 1000);
  }, 30_000);
});
