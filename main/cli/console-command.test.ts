import { existsSync, readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFederationStandin, type FederationStandin } from '../../test-support/federation-standin';
import { makeCreds } from '../../test-support/credentials';
import { startTestServer, type TestServer } from '../../test-support/test-server';
import { recordingIo } from './cli-test-io';
import { consoleCommand } from './console-command';

const TOKEN = 'console-unit-token-0123456789abc';
let server: TestServer;
let federation: FederationStandin;
const creds = makeCreds();
beforeAll(async () => {
  server = await startTestServer({ token: TOKEN });
  server.slots.load('', { profileName: 'dev:Admin', credentials: creds });
  federation = await startFederationStandin();
});
afterAll(async () => {
  await server.close();
  await federation.close();
});

describe('consoleCommand', () => {
  const env = () => ({ ROLETRAY_TOKEN: TOKEN, ROLETRAY_FEDERATION_URL: federation.url });

  it('hands the browser a private page that leads to the sign-in URL of the default slot, and deletes it once the browser has it', async () => {
    const opened: { target: string; page: string; mode: number }[] = [];
    const io = recordingIo(env());
    const open = async (target: string) => {
      opened.push({ target, page: readFileSync(target, 'utf8'), mode: statSync(target).mode & 0o777 });
      return { exited: Promise.resolve() };
    };
    const started = Date.now();
    expect(await consoleCommand(['--server', `127.0.0.1:${server.port}`], io, { open, pageTimes: { minMs: 200, maxMs: 5_000 } })).toBe(0);
    // The launcher ended at once; the page stays until a browser it started could have read it.
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(io.out).toBe('Opened the AWS console for the default slot in your browser.\n');
    expect(io.err).toBe('');
    expect(federation.requests.at(-1)!.session).toEqual({ sessionId: creds.accessKeyId, sessionKey: creds.secretAccessKey, sessionToken: creds.sessionToken });
    expect(opened).toHaveLength(1);
    const [{ target, page, mode }] = opened as [(typeof opened)[number]];
    expect(target).not.toContain('SigninToken');
    expect(mode).toBe(0o600);
    const url = /content="0;url=([^"]+)"/.exec(page)![1]!.replaceAll('&amp;', '&');
    expect(new URL(url).searchParams.get('SigninToken')).toBe(federation.tokens.at(-1));
    expect(existsSync(target)).toBe(false);
  });

  it('deletes the page after at most maxMs when the browser it started keeps running, and when the browser cannot start', async () => {
    let target = '';
    const running = async (t: string) => ((target = t), { exited: new Promise<void>(() => undefined) });
    const started = Date.now();
    expect(await consoleCommand(['--server', `127.0.0.1:${server.port}`], recordingIo(env()), { open: running, pageTimes: { minMs: 10, maxMs: 300 } })).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(existsSync(target)).toBe(false);

    const failing = async (t: string) => {
      target = t;
      throw new Error('cannot open a browser');
    };
    await expect(consoleCommand(['--server', `127.0.0.1:${server.port}`], recordingIo(env()), { open: failing })).rejects.toThrow('cannot open a browser');
    expect(existsSync(target)).toBe(false);
  });

  it('--print prints the URL and opens nothing', async () => {
    const io = recordingIo(env());
    const open = async () => expect.fail('opened a browser');
    expect(await consoleCommand(['--server', `127.0.0.1:${server.port}`, '--print'], io, { open })).toBe(0);
    expect(new URL(io.out.trim()).searchParams.get('SigninToken')).toBe(federation.tokens.at(-1));
  });
});
