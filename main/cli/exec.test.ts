import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreds } from '../../test-support/credentials';
import { startTestServer, type TestServer } from '../../test-support/test-server';
import { recordingIo } from './cli-test-io';
import { exec, execEnvironment, inheritStdio, type ChildRunner } from './exec';
import { SSO_CLI } from './sso-deps';

const TOKEN = 'exec-unit-token-0123456789abcdef';
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ token: TOKEN });
  server.slots.load('a b', { profileName: 'a b', credentials: makeCreds() });
});
afterAll(() => server.close());

describe('execEnvironment', () => {
  const parent = {
    PATH: '/bin',
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'AKIA',
    AWS_SECRET_ACCESS_KEY: 's',
    AWS_SESSION_TOKEN: 't',
    AWS_PROFILE: 'p',
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/x',
    AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/other/token',
    AWS_CONTAINER_AUTHORIZATION_TOKEN: 'other',
  };

  it('points the container provider at the slot and drops what would win over it or name another token', () => {
    const before = { ...parent };
    expect(execEnvironment(parent, { url: 'http://127.0.0.1:4144/slot/x', token: 'tok' })).toEqual({
      PATH: '/bin',
      AWS_REGION: 'eu-west-1',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:4144/slot/x',
      AWS_CONTAINER_AUTHORIZATION_TOKEN: 'tok',
    });
    expect(parent).toEqual(before);
  });

  it('passes the token file on for clients that re-read it, and the CA for https', () => {
    expect(execEnvironment({}, { url: 'https://127.0.0.1:4144/', token: 'tok', tokenFile: '/t', caFile: '/ca.pem' })).toEqual({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: 'https://127.0.0.1:4144/',
      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/t',
      AWS_CONTAINER_AUTHORIZATION_TOKEN: 'tok',
      AWS_CA_BUNDLE: '/ca.pem',
      NODE_EXTRA_CA_CERTS: '/ca.pem',
    });
    expect(execEnvironment({ AWS_CONTAINER_AUTHORIZATION_TOKEN: 'old' }, { url: 'http://127.0.0.1:4144/' })).toEqual({ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:4144/' });
  });
});

describe('exec', () => {
  function recorder() {
    const calls: { command: string; args: string[]; env: NodeJS.ProcessEnv }[] = [];
    const run: ChildRunner = async (command, args, env) => (calls.push({ command, args, env }), 5);
    return { calls, run };
  }

  it('runs the command after -- against the escaped slot URL, the token from --token-file, and returns its code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roletray-exec-'));
    writeFileSync(join(dir, 'token'), TOKEN);
    const { calls, run } = recorder();
    const io = recordingIo({ PATH: '/bin' });
    expect(await exec(['--slot', 'a b', '--server', `127.0.0.1:${server.port}`, '--token-file', join(dir, 'token'), '--', 'aws', '--', 'x'], io, run)).toBe(5);
    expect(calls).toEqual([
      {
        command: 'aws',
        args: ['--', 'x'],
        env: { PATH: '/bin', AWS_CONTAINER_CREDENTIALS_FULL_URI: `${server.url}slot/a%20b`, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: join(dir, 'token'), AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN },
      },
    ]);
    expect(io.out + io.err).toBe('');
  });

  it('does not run anything for an empty slot, a missing command or both -p and --slot', async () => {
    const { calls, run } = recorder();
    const env = { ROLETRAY_TOKEN: TOKEN };
    const server_ = ['--server', `127.0.0.1:${server.port}`];
    await expect(exec([...server_, '--', 'true'], recordingIo(env), run)).rejects.toThrow('the default slot has no usable credentials (load them: roletray load ...)');
    await expect(exec([...server_, '--slot', 'a b'], recordingIo(env), run)).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('give the command after --') });
    await expect(exec([...server_, '--slot', 'a b', 'aws', '--', 'x'], recordingIo(env), run)).rejects.toMatchObject({ exitCode: 2 });
    await expect(exec([...server_, '-p', 'a b', '--slot', 'a b', '--', 'true'], recordingIo(env), run)).rejects.toThrow('-p/--profile and --slot exclude each other');
    expect(calls).toEqual([]);
  });

  it('with -p, loads an empty slot from IAM Identity Center first (and says how to sign in when it cannot)', async () => {
    const { calls, run } = recorder();
    const home = mkdtempSync(join(tmpdir(), 'roletray-exec-home-'));
    const io = recordingIo({ ROLETRAY_TOKEN: TOKEN, HOME: home, AWS_CONFIG_FILE: join(home, 'none') });
    const args = ['-p', 'dev:Admin', '--server', `127.0.0.1:${server.port}`, '--config-dir', join(home, 'config'), '--', 'true'];
    await expect(exec(args, io, run, SSO_CLI)).rejects.toThrow('not signed in (run: roletray login)');
    expect(calls).toEqual([]);
  });
});

describe('inheritStdio', () => {
  it('resolves with the exit code, 128 + n for a signal, and names a command that cannot run', async () => {
    expect(await inheritStdio('sh', ['-c', 'exit 7'], process.env)).toBe(7);
    expect(await inheritStdio('sh', ['-c', 'kill -INT $$'], process.env)).toBe(130);
    await expect(inheritStdio('/nonexistent/cmd', [], process.env)).rejects.toMatchObject({ exitCode: 127, message: 'cannot run "/nonexistent/cmd": command not found' });
    await expect(inheritStdio(tmpdir(), [], process.env)).rejects.toMatchObject({ exitCode: 126, message: `cannot run "${tmpdir()}": permission denied` });
  });
});
