import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
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
    ROLETRAY_TOKEN: 'the-owners-token-0123456789',
  };

  it('points the container provider at the slot and drops what would win over it, name another token or hold the owner\'s', () => {
    const before = { ...parent };
    expect(execEnvironment(parent, { url: 'http://127.0.0.1:4144/slot/x', token: 'tok' })).toEqual({
      PATH: '/bin',
      AWS_REGION: 'eu-west-1',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:4144/slot/x',
      AWS_CONTAINER_AUTHORIZATION_TOKEN: 'tok',
    });
    expect(parent).toEqual(before);
  });

  it('passes the CA for https, and no token variable when the server requires none', () => {
    expect(execEnvironment({}, { url: 'https://127.0.0.1:4144/', token: 'tok', caFile: '/ca.pem' })).toEqual({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: 'https://127.0.0.1:4144/',
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

  it('runs the command after -- against the escaped slot URL with a scoped token for that slot only, revoked when it ends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roletray-exec-'));
    writeFileSync(join(dir, 'token'), TOKEN);
    const seen: { env: NodeJS.ProcessEnv; readsItsSlot: boolean; readsDefault: boolean; isOwner: boolean }[] = [];
    const run: ChildRunner = async (command, args, env) => {
      const given = env.AWS_CONTAINER_AUTHORIZATION_TOKEN;
      seen.push({ env, readsItsSlot: server.token.allowsRead(given, 'a b'), readsDefault: server.token.allowsRead(given, ''), isOwner: server.token.accepts(given) });
      expect([command, args]).toEqual(['aws', ['--', 'x']]);
      return 5;
    };
    const io = recordingIo({ PATH: '/bin' });
    expect(await exec(['--slot', 'a b', '--server', `127.0.0.1:${server.port}`, '--token-file', join(dir, 'token'), '--', 'aws', '--', 'x'], io, run)).toBe(5);
    const [child] = seen;
    const scoped = child!.env.AWS_CONTAINER_AUTHORIZATION_TOKEN!;
    expect(child!.env).toEqual({ PATH: '/bin', AWS_CONTAINER_CREDENTIALS_FULL_URI: `${server.url}slot/a%20b`, AWS_CONTAINER_AUTHORIZATION_TOKEN: scoped });
    expect(scoped).not.toBe(TOKEN);
    expect(child).toMatchObject({ readsItsSlot: true, readsDefault: false, isOwner: false });
    expect(server.token.allowsRead(scoped, 'a b')).toBe(false);
    expect(io.out + io.err).toBe('');
  });

  it('revokes the scoped token when the command cannot run, too', async () => {
    let given: string | undefined;
    const run: ChildRunner = async (_command, _args, env) => {
      given = env.AWS_CONTAINER_AUTHORIZATION_TOKEN;
      throw new Error('cannot run');
    };
    await expect(exec(['--slot', 'a b', '--server', `127.0.0.1:${server.port}`, '--', 'nothing'], recordingIo({ ROLETRAY_TOKEN: TOKEN }), run)).rejects.toThrow('cannot run');
    expect(server.token.allowsRead(given, 'a b')).toBe(false);
  });

  it('passes no token to a command of a server that requires none', async () => {
    const open = await startTestServer();
    try {
      open.slots.load('', { profileName: 'dev', credentials: makeCreds() });
      const { calls, run } = recorder();
      expect(await exec(['--server', `127.0.0.1:${open.port}`, '--', 'true'], recordingIo({ ROLETRAY_TOKEN: TOKEN }), run)).toBe(5);
      expect(calls[0]!.env).toEqual({ AWS_CONTAINER_CREDENTIALS_FULL_URI: open.url });
    } finally {
      await open.close();
    }
  });

  it('never falls back to the owner\'s token: a server that gives out no scoped tokens runs nothing', async () => {
    const creds = JSON.stringify({ AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: 's', Token: 't', Expiration: '2099-01-01T00:00:00Z' });
    const old = http.createServer((req, res) => {
      res.writeHead(req.method === 'GET' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(req.method === 'GET' ? creds : '{"message":"No route"}');
    });
    await new Promise<void>((resolve) => old.listen(0, '127.0.0.1', resolve));
    try {
      const { calls, run } = recorder();
      const port = (old.address() as AddressInfo).port;
      await expect(exec(['--server', `127.0.0.1:${port}`, '--', 'true'], recordingIo({ ROLETRAY_TOKEN: TOKEN }), run)).rejects.toThrow(
        `the server at http://127.0.0.1:${port}/ gives out no scoped tokens (an older RoleTray?), and exec does not hand a command your own token`,
      );
      expect(calls).toEqual([]);
    } finally {
      old.close();
    }
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
