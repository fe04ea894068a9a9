import { execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppState } from '../../preload/api';
import { startCore, type Harness } from '../../test-support/app-core-harness';
import { makeCreds } from '../../test-support/credentials';
import { connectControl, type ControlClient } from './control-client';
import { MAX_LINE_BYTES } from './control-protocol';
import { ControlServer, coreTarget, OwnerRunningError } from './control-server';
import { controlPath } from './socket-path';

/** A parent any user may enter, so that only the configuration directory's own mode can keep them out. */
function openParent(): string {
  const parent = mkdtempSync(join(tmpdir(), 'roletray-control-'));
  chmodSync(parent, 0o755);
  return parent;
}

async function client(dir: string): Promise<ControlClient> {
  const probe = await connectControl(controlPath(dir));
  if (probe.state !== 'owner') throw new Error(`no owner: ${probe.state}`);
  return probe.client;
}

/** Sends raw lines and collects what comes back until the owner closes the connection. */
function raw(path: string, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(path);
    let got = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (got += d));
    socket.on('error', reject);
    socket.on('close', () => resolve(got));
    socket.on('connect', () => socket.write(text));
    setTimeout(() => socket.destroy(), 3000);
  });
}

/** Runs node as the unprivileged `nobody` user (the tests run as root) and reports how a connection to `path` ended. */
function connectAsNobody(path: string): Promise<string> {
  const script = `const s=require('net').connect(process.argv[1]);s.on('connect',()=>{console.log('connected');s.destroy()});s.on('error',e=>console.log(e.code))`;
  return new Promise((resolve, reject) =>
    execFile('runuser', ['-u', 'nobody', '--', process.execPath, '-e', script, path], { timeout: 10_000 }, (err, stdout) => (err ? reject(err) : resolve(stdout.trim()))),
  );
}

const asRoot = process.platform !== 'win32' && process.getuid?.() === 0;

describe('the control channel of a running core', () => {
  let h: Harness;
  let dir: string;
  let owner: ControlServer;

  beforeAll(async () => {
    dir = join(openParent(), 'config');
    mkdirSync(dir, { mode: 0o755 });
    h = await startCore({ configDir: dir });
    owner = await ControlServer.claim(dir, { kind: 'serve', advice: 'Stop it first.' });
    owner.serve(coreTarget(h.core, () => undefined));
  });
  afterAll(async () => {
    await owner.close();
    await h.close();
  });

  it('answers the operations of preload/api.ts with their Results, through the door that checks each argument', async () => {
    const c = await client(dir);
    expect(c.owner).toMatchObject({ kind: 'serve', pid: process.pid });
    const state = await c.call('getState');
    expect(state).toMatchObject({ ok: true, value: { server: { listening: true } } });
    h.core.service.slots.load('dev', { profileName: 'dev', credentials: makeCreds() });
    expect(await c.call('unload', 'dev')).toEqual({ ok: true, value: undefined });
    expect(h.core.service.slots.get('dev')).toBeUndefined();
    expect(await c.call('unload', 42 as never)).toEqual({ ok: false, error: 'slot must be a string ("" for the default slot)' });
    expect(await c.call('nonsense' as never)).toEqual({ ok: false, error: 'Unknown operation "nonsense"' });
    c.close();
  });

  it('streams the state to a subscriber as it changes', async () => {
    const c = await client(dir);
    const seen: AppState[] = [];
    const off = c.onState((s) => seen.push(s));
    for (let i = 0; i < 100 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    h.core.service.slots.load('watched', { profileName: 'watched', credentials: makeCreds() });
    for (let i = 0; i < 100 && !seen.at(-1)?.slots.some((s) => s.name === 'watched'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(seen[0]!.slots.some((s) => s.name === 'watched')).toBe(false);
    expect(seen.at(-1)!.slots.find((s) => s.name === 'watched')).toMatchObject({ profileName: 'watched', source: 'pushed' });
    off();
    c.close();
  });

  it('is a socket only its user can open (0600 in a directory tightened to 0700)', () => {
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(owner.path).isSocket()).toBe(true);
    expect(statSync(owner.path).mode & 0o777).toBe(0o600);
  });

  it.runIf(asRoot)('refuses another user: nobody cannot connect, though it can reach a socket in an open directory', async () => {
    const open = join(openParent(), 'open.sock');
    const control = net.createServer();
    await new Promise<void>((resolve) => control.listen(open, resolve));
    chmodSync(open, 0o777);
    try {
      expect(await connectAsNobody(open)).toBe('connected');
      expect(await connectAsNobody(owner.path)).toBe('EACCES');
    } finally {
      control.close();
    }
  });

  it('refuses a second owner of the same directory, naming the first', async () => {
    const second = ControlServer.claim(dir, { kind: 'app', advice: 'Quit it, or use another --config-dir.' });
    await expect(second).rejects.toBeInstanceOf(OwnerRunningError);
    await expect(second).rejects.toThrow(`\`roletray serve\` (pid ${process.pid}) already holds the configuration directory ${dir}. Quit it, or use another --config-dir.`);
    expect((await client(dir)).owner.kind).toBe('serve');
  });

  it('closes a connection that sends what is not a request, or a line past the limit', async () => {
    const notJson = await raw(owner.path, 'hello\n');
    expect(notJson.split('\n')[1]).toBe('{"id":0,"result":{"ok":false,"error":"a control request must be one JSON object per line"}}');
    const noId = await raw(owner.path, '{"op":"getState"}\n');
    expect(noId).toContain('needs a positive integer \\"id\\"');
    const long = await raw(owner.path, `{"id":1,"op":"setToken","arg":"${'x'.repeat(MAX_LINE_BYTES)}"}\n`);
    expect(long).toContain(`longer than ${MAX_LINE_BYTES} bytes`);
  });
});

describe('claiming a directory', () => {
  it('replaces the socket of an owner that was killed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roletray-stale-'));
    const path = controlPath(dir);
    const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(path)}, () => console.log('up'))`], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(existsSync(path)).toBe(true);
    expect((await connectControl(path)).state).toBe('stale');

    const owner = await ControlServer.claim(dir, { kind: 'serve', advice: '' });
    const c = await client(dir);
    expect(c.owner.pid).toBe(process.pid);
    c.close();
    await owner.close();
    expect(existsSync(path)).toBe(false);
  });

  it('makes requests that arrive before the core is ready wait for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roletray-early-'));
    const owner = await ControlServer.claim(dir, { kind: 'serve', advice: '' });
    const c = await client(dir);
    const early = c.call('listRoles');
    let answered = false;
    void early.then(() => (answered = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(answered).toBe(false);
    owner.serve({ call: async (op) => ({ ok: true, value: `answered ${op}` }), state: () => ({}) as AppState, subscribe: () => () => undefined });
    expect(await early).toEqual({ ok: true, value: 'answered listRoles' });
    c.close();
    await owner.close();
  });

  it('a command-line command holds the directory for a moment: operations are refused, and an owner starting meanwhile waits for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roletray-cli-held-'));
    const held = await ControlServer.claim(dir, { kind: 'cli', command: 'auth', advice: '' });
    const c = await client(dir);
    expect(c.owner).toMatchObject({ kind: 'cli', command: 'auth' });
    expect(await c.call('getState')).toEqual({ ok: false, error: `\`roletray auth\` (pid ${process.pid}) is using this configuration directory; RoleTray itself is not running` });
    c.close();

    await expect(ControlServer.claim(dir, { kind: 'serve', advice: 'Try again when it ends.', waitForCliMs: 200 })).rejects.toThrow(
      `\`roletray auth\` (pid ${process.pid}) already holds the configuration directory ${dir}. Try again when it ends.`,
    );
    const waiting = ControlServer.claim(dir, { kind: 'serve', advice: '', waitForCliMs: 5000 });
    setTimeout(() => void held.close(), 300);
    const owner = await waiting;
    expect(owner.owner.kind).toBe('serve');
    await owner.close();
  });

  it('refuses a directory whose path leaves no room for a socket', () => {
    expect(() => controlPath(`/tmp/${'d'.repeat(100)}`, 'linux')).toThrow(/too long for its control socket .* use a shorter --config-dir/);
    expect(controlPath('C:\\Users\\Me\\AppData\\Roaming\\RoleTray', 'win32')).toBe(controlPath('c:\\users\\me\\appdata\\roaming\\roletray', 'win32'));
    expect(controlPath('C:\\Users\\Me\\AppData\\Roaming\\RoleTray', 'win32')).toMatch(/^\\\\\.\\pipe\\roletray-[0-9a-f]{24}$/);
  });
});
