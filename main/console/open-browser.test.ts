import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserCommand, systemLauncher, systemOpener } from './open-browser';

const URL_WITH_AMPERSANDS = 'https://signin.aws.amazon.com/federation?Action=login&SigninToken=abc';

describe('browserCommand', () => {
  it('uses each platform\'s opener, never a shell, and $BROWSER first', () => {
    expect(browserCommand(URL_WITH_AMPERSANDS, 'linux', {})).toEqual(['xdg-open', [URL_WITH_AMPERSANDS]]);
    expect(browserCommand(URL_WITH_AMPERSANDS, 'darwin', {})).toEqual(['open', [URL_WITH_AMPERSANDS]]);
    expect(browserCommand(URL_WITH_AMPERSANDS, 'win32', {})).toEqual(['rundll32', ['url.dll,FileProtocolHandler', URL_WITH_AMPERSANDS]]);
    expect(browserCommand(URL_WITH_AMPERSANDS, 'linux', { BROWSER: '/opt/firefox' })).toEqual(['/opt/firefox', [URL_WITH_AMPERSANDS]]);
  });
});

describe('systemOpener', () => {
  it('runs the browser command with the URL as one argument', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roletray-browser-'));
    const browser = join(dir, 'browser');
    writeFileSync(browser, `#!/bin/sh\nprintf '%s' "$1" > '${dir}/opened'\n`);
    chmodSync(browser, 0o755);
    await systemOpener({ ...process.env, BROWSER: browser }, 'linux')(URL_WITH_AMPERSANDS);
    await expect.poll(() => existsSync(join(dir, 'opened')) && readFileSync(join(dir, 'opened'), 'utf8')).toBe(URL_WITH_AMPERSANDS);
  });

  it('a launcher says when the browser command has ended', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roletray-browser-'));
    const browser = join(dir, 'browser');
    writeFileSync(browser, `#!/bin/sh\nwhile [ ! -e '${dir}/go' ]; do sleep 0.05; done\n`);
    chmodSync(browser, 0o755);
    const launched = await systemLauncher({ ...process.env, BROWSER: browser }, 'linux')('/tmp/page.html');
    let ended = false;
    void launched.exited.then(() => (ended = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(ended).toBe(false);
    writeFileSync(join(dir, 'go'), '');
    await launched.exited;
  });

  it('says, without the URL, when there is no browser command', async () => {
    const open = systemOpener({ ...process.env, BROWSER: '/nonexistent/browser' }, 'linux');
    const err = await open(URL_WITH_AMPERSANDS).catch((e: Error) => e);
    expect((err as Error).message).toBe('cannot open a browser with /nonexistent/browser: not found (use --print to get the URL)');
  });
});
