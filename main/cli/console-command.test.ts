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

  it('opens the sign-in URL of the default slot with the opener, printing no secret', async () => {
    const opened: string[] = [];
    const io = recordingIo(env());
    expect(await consoleCommand(['--server', `127.0.0.1:${server.port}`], io, { open: async (url) => void opened.push(url) })).toBe(0);
    expect(io.out).toBe('Opened the AWS console for the default slot in your browser.\n');
    expect(io.err).toBe('');
    expect(federation.requests.at(-1)!.session).toEqual({ sessionId: creds.accessKeyId, sessionKey: creds.secretAccessKey, sessionToken: creds.sessionToken });
    expect(opened).toHaveLength(1);
    expect(new URL(opened[0]!).searchParams.get('SigninToken')).toBe(federation.tokens.at(-1));
  });

  it('--print prints the URL and opens nothing', async () => {
    const io = recordingIo(env());
    const open = async () => expect.fail('opened a browser');
    expect(await consoleCommand(['--server', `127.0.0.1:${server.port}`, '--print'], io, { open })).toBe(0);
    expect(new URL(io.out.trim()).searchParams.get('SigninToken')).toBe(federation.tokens.at(-1));
  });
});
