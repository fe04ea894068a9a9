import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../main/app/core-types';
import { ControlServer, coreTarget } from '../main/control/control-server';
import { recordingIo } from '../main/cli/cli-test-io';
import { login, roles, type SsoCliDeps } from '../main/cli/sso-commands';
import { openHeadlessSecretStore } from '../main/secrets/headless-secret-store';
import { startHeadlessCore } from '../test-support/app-core-harness';
import { standinPerTest } from '../test-support/standin-per-test';

/** `roletray roles` while a role list is fetched: its progress on a terminal's status line, nothing elsewhere; never half a list. */

const startStandin = standinPerTest();

/** A command's io on a terminal: its status line records what it was told (undefined: cleared). */
function terminalIo(env: NodeJS.ProcessEnv) {
  const status: (string | undefined)[] = [];
  return Object.assign(recordingIo(env), { status, statusLine: (t: string | undefined) => void status.push(t) });
}

function dirs() {
  const configDir = mkdtempSync(join(tmpdir(), 'roletray-roles-progress-'));
  const home = mkdtempSync(join(tmpdir(), 'roletray-roles-progress-home-'));
  return { configDir, env: { HOME: home, ROLETRAY_CONFIG_DIR: configDir, AWS_CONFIG_FILE: join(home, 'config') } as NodeJS.ProcessEnv };
}

let owner: { core: AppCore; control: ControlServer } | undefined;
afterEach(async () => {
  await owner?.control.close();
  await owner?.core.stop();
  owner = undefined;
});

describe('roletray roles while the role list is fetched', () => {
  it('on its own: the progress on the status line as pages arrive, cleared at the end; nothing on stderr when it is not a terminal', async () => {
    // One fake clock for the stand-in and the command: the device flow's polls and the pace take no real time.
    let clock = Date.now();
    const now = () => clock;
    const standin = await startStandin({ accounts: 30, rolesPerAccount: 2, approval: 'auto', now });
    const { env } = dirs();
    const deps: SsoCliDeps = { openSecrets: openHeadlessSecretStore, endpoint: standin.url, now, sleep: async (ms) => void (clock += ms) };
    expect(await login(['--start-url', standin.startUrl, '--region', standin.region, '--use-device-code'], recordingIo(env), deps)).toBe(0);

    const onTerminal = terminalIo(env);
    expect(await roles(['--refresh'], onTerminal, deps)).toBe(0);
    expect(onTerminal.status[0]).toBe('Fetching roles… 0 (0 accounts)');
    expect(onTerminal.status.at(-2)).toBe('Fetching roles… 60 (30 of 30 accounts)');
    expect(onTerminal.status.at(-1)).toBeUndefined();
    expect(onTerminal.status.length).toBeGreaterThan(3);
    // The table is whole, on stdout; stderr got nothing.
    expect(onTerminal.out.trim().split('\n')).toHaveLength(61);
    expect(onTerminal.err).toBe('');

    const piped = recordingIo(env);
    expect(await roles(['--refresh'], piped, deps)).toBe(0);
    expect(piped.out.trim().split('\n')).toHaveLength(61);
    expect(piped.err).toBe('');
  });

  it('through a running owner fetching its first list: waits for the whole list, showing the owner\'s progress', async () => {
    // At 20 requests/s, 100 accounts take some seconds: the command starts while the owner is on its way.
    const standin = await startStandin({ accounts: 100, rolesPerAccount: 3, latencyMs: 20, maxRequestsPerSecond: 20, burst: 1, interval: 1 });
    const { configDir, env } = dirs();
    const core = await startHeadlessCore(configDir, { ssoEndpoint: standin.url, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
    const control = await ControlServer.claim(configDir, { kind: 'serve', advice: 'a test owns it' });
    control.serve(coreTarget(core, () => undefined));
    owner = { core, control };
    const fetching = new Promise<void>((resolve) => {
      const off = core.subscribe((s) => {
        if ((s.sso[0]?.catalogueProgress?.roles ?? 0) === 0) return;
        off();
        resolve();
      });
    });
    await core.ops.signIn({ startUrl: standin.startUrl, region: standin.region, method: 'device' });
    await fetching;
    expect(core.state().sso[0]!.catalogFetchedAt).toBeUndefined();

    const cli = terminalIo(env);
    const deps: SsoCliDeps = { openSecrets: openHeadlessSecretStore, endpoint: standin.url };
    expect(await roles(['--json'], cli, deps)).toBe(0);
    expect(JSON.parse(cli.out)).toHaveLength(300);
    const shown = cli.status.filter((t): t is string => t !== undefined);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((t) => /^Fetching roles… [\d,]+ \(\d+( of 100)? accounts\)$/.test(t))).toBe(true);
    expect(cli.status.at(-1)).toBeUndefined();
    expect(cli.err).toBe('');
    expect(core.state().sso[0]).toMatchObject({ roleCount: 300, catalogFetchedAt: expect.any(Number) });
  });
});
