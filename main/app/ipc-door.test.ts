import { describe, expect, it } from 'vitest';
import { appState } from '../../test-support/app-state';
import type { OperationName, Result } from '../../preload/api';
import { OPERATION_NAMES } from '../../preload/api';
import { createDoor, isAppPage, type OperationHandlers } from './ipc-door';

function recordingOps() {
  const calls: [string, unknown][] = [];
  const ops = Object.fromEntries(
    OPERATION_NAMES.map((name) => [
      name,
      async (arg: unknown): Promise<Result<unknown>> => {
        calls.push([name, arg]);
        if (name === 'revealToken') throw new Error('secret-in-message-must-not-leak');
        return { ok: true, value: name === 'getState' ? appState() : undefined };
      },
    ]),
  ) as unknown as OperationHandlers;
  return { ops, calls };
}

const APP = 'roletray://app/index.html';
const trusted = (url: string | undefined) => isAppPage(url, APP);

describe('the IPC door', () => {
  it('refuses a foreign sender before looking at anything else', async () => {
    const { ops, calls } = recordingOps();
    const door = createDoor(ops, trusted);
    for (const sender of ['https://attacker.example/', 'file:///tmp/evil.html', undefined, 'not a url']) {
      expect(await door('unloadAll', sender, undefined)).toEqual({ ok: false, error: expect.stringMatching(/did not come from the RoleTray window/) });
    }
    expect(calls).toEqual([]);
  });

  it.each<[OperationName | string, unknown, RegExp]>([
    ['unloadAll', { surprise: 1 }, /takes no argument/],
    ['unload', 42, /slot must be a string/],
    ['loadRole', { roleKey: 'k', slot: 7 }, /"slot"/],
    ['loadRole', { roleKey: 'k', extra: true }, /unknown field "extra"/],
    ['loadRole', Object.create({ roleKey: 'inherited' }), /must be an object/],
    ['setPinned', { roleKey: 'k' }, /"pinned"/],
    ['saveTls', { cert: 'x'.repeat(70_000), key: 'k' }, /"cert"/],
    ['setTlsDisabled', 'yes', /true or false/],
    ['updateSettings', { port: 1, admin: true }, /unknown setting "admin"/],
    ['envLines', { shell: 'cmd' }, /"shell"/],
    ['openExternal', 'file:///etc/passwd', /only https/],
    ['openExternal', 'javascript:alert(1)', /only https/],
    ['setToken', '', /non-empty/],
    ['openConsole', { slot: '', roleKey: 'k' }, /\{"slot": name\} or \{"roleKey": key\}/],
    ['openConsole', {}, /\{"slot": name\}/],
    ['loadProfile', { profile: 'deploy', via: 'x' }, /unknown field "via"/],
    ['loadAssumed', { definition: { profileName: 'd', roleArn: 'arn', via: 'hub', durationSeconds: '3600' } }, /role definition: "durationSeconds"/],
    ['loadAssumed', { definition: { profileName: 'd', roleArn: 'arn' } }, /role definition: "via"/],
    ['loadAssumed', { definition: 'deploy' }, /load request: "definition"/],
    ['saveChain', { profileName: 'd', roleArn: 'arn', via: 'hub', policy: '{}' }, /unknown field "policy"/],
    ['addIamUser', { name: 'alice', accessKeyId: 'AKIA' }, /IAM user: "secretAccessKey"/],
    ['answerMfa', { id: 'mfa1', code: 123456 }, /MFA answer: "code"/],
    ['cancelMfa', '', /non-empty/],
    ['updateSettings', { iamUsers: [] }, /addIamUser and removeIamUser/],
    ['updateSettings', { chains: [] }, /saveChain and removeChain/],
    ['__proto__', undefined, /Unknown operation/],
    ['constructor', undefined, /Unknown operation/],
  ])('refuses %s with a bad payload and does not call the core', async (name, arg, error) => {
    const { ops, calls } = recordingOps();
    const answer = await createDoor(ops, trusted)(name, `${APP}#/roles`, arg);
    expect(answer).toEqual({ ok: false, error: expect.stringMatching(error) });
    expect(calls).toEqual([]);
  });

  it('passes good payloads from the app page to the core', async () => {
    const { ops, calls } = recordingOps();
    const door = createDoor(ops, trusted);
    expect((await door('getState', APP, undefined)).ok).toBe(true);
    await door('loadRole', APP, { roleKey: 'https://x|012345678901|Admin', slotted: true });
    await door('updateSettings', APP, { port: 4145, theme: 'dark' });
    await door('openExternal', APP, 'https://device.sso.eu-west-1.amazonaws.com/?user_code=ABCD-EFGH');
    await door('setTokenFile', APP, null);
    expect(calls).toEqual([
      ['getState', undefined],
      ['loadRole', { roleKey: 'https://x|012345678901|Admin', slotted: true }],
      ['updateSettings', { port: 4145, theme: 'dark' }],
      ['openExternal', 'https://device.sso.eu-west-1.amazonaws.com/?user_code=ABCD-EFGH'],
      ['setTokenFile', null],
    ]);
  });

  it('answers an unexpected failure without its message, and logs only its kind', async () => {
    const { ops } = recordingOps();
    const logged: string[] = [];
    const answer = await createDoor(ops, trusted, (m) => logged.push(m))('revealToken', APP, undefined);
    expect(answer).toEqual({ ok: false, error: 'Internal error; see the log' });
    expect(logged).toEqual(['operation revealToken failed: Error']);
  });
});

describe('isAppPage', () => {
  it('matches any page of the app origin (roletray://app) and, in development, the dev server origin', () => {
    expect(isAppPage(`${APP}?x=1#y`, APP)).toBe(true);
    expect(isAppPage('roletray://app/', APP)).toBe(true);
    expect(isAppPage('roletray://app/assets/index.js', APP)).toBe(true);
    expect(isAppPage('http://localhost:5173/#/slots', 'http://localhost:5173/')).toBe(true);
  });

  it('refuses other hosts of the scheme, file pages, and every web origin', () => {
    for (const sender of [
      'roletray://other/index.html',
      'roletray://app.attacker.example/index.html',
      'roletray:///index.html',
      'file:///opt/RoleTray/resources/app.asar/dist/renderer/index.html',
      'https://app/index.html',
      'https://attacker.example/',
      'http://localhost:5174/',
      'http://localhost:5173.attacker.example/',
    ]) {
      expect(isAppPage(sender, APP), sender).toBe(false);
    }
    expect(isAppPage('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAppPage('file:///a/index.html', 'file:///a/index.html')).toBe(false);
  });
});
