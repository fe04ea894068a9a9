import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreds } from '../../test-support/credentials';
import { startTestServer, type TestServer } from '../../test-support/test-server';
import { recordingIo } from './cli-test-io';
import { credentialProcessConfig } from '../server/env-lines';
import { credentialProcess } from './credential-process';

const TOKEN = 'process-unit-token-0123456789abc';
let server: TestServer;
const creds = makeCreds();
beforeAll(async () => {
  server = await startTestServer({ token: TOKEN });
  server.slots.load('', { profileName: 'dev:Admin', credentials: creds });
});
afterAll(() => server.close());

describe('credentialProcess', () => {
  it('prints only the credential_process JSON of the slot', async () => {
    const io = recordingIo({ ROLETRAY_TOKEN: TOKEN });
    expect(await credentialProcess(['--server', `127.0.0.1:${server.port}`], io)).toBe(0);
    expect(io.err).toBe('');
    expect(io.out.endsWith('\n')).toBe(true);
    expect(JSON.parse(io.out)).toEqual({
      Version: 1,
      AccessKeyId: creds.accessKeyId,
      SecretAccessKey: creds.secretAccessKey,
      SessionToken: creds.sessionToken,
      Expiration: new Date(Math.floor(creds.expiration / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
    });
  });

  it('fails with the server\'s reason when the token is wrong, and names the empty slot', async () => {
    await expect(credentialProcess(['--server', `127.0.0.1:${server.port}`], recordingIo({ ROLETRAY_TOKEN: 'wrong' }))).rejects.toThrow('server answered 403: Invalid authorization token');
    await expect(credentialProcess(['--server', `127.0.0.1:${server.port}`, '--slot', 'none'], recordingIo({ ROLETRAY_TOKEN: TOKEN }))).rejects.toThrow(
      'slot "none" has no usable credentials (load them: roletray load --slot none ..., or -p none to load the role of that name)',
    );
  });
});

describe('credentialProcessConfig', () => {
  it('gives the ~/.aws/config lines to paste', () => {
    expect(credentialProcessConfig('012345678901:Admin')).toBe('[profile 012345678901:Admin]\ncredential_process = roletray credential-process -p 012345678901:Admin\n');
  });

  it('quotes what botocore\'s shlex and a shell would split, the same way for both', () => {
    expect(credentialProcessConfig("team's admin", { server: '127.0.0.1:4155', tokenFile: '/home/me/my token' })).toBe(
      "[profile team's admin]\ncredential_process = roletray credential-process -p 'team'\\''s admin' --server 127.0.0.1:4155 --token-file '/home/me/my token'\n",
    );
  });
});
