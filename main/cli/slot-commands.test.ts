import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppState } from '../../preload/api';
import { role, slot } from '../../test-support/app-state';
import { startScriptedOwner, type ScriptedOwner } from '../../test-support/scripted-owner';
import { recordingIo } from './cli-test-io';
import { list, load } from './slot-commands';

let owner: ScriptedOwner | undefined;
afterEach(async () => {
  await owner?.close();
  owner = undefined;
});

const HOUR = 3_600_000;
const DEPLOY_CHAIN = ['IAM Identity Center 111111111111/Admin (dev-admin)', 'AssumeRole arn:aws:iam::222222222222:role/Deploy'];

describe('list', () => {
  it('keeps the table it always had while no slot is derived, and says the source in JSON', async () => {
    const expiresAt = Date.now() + HOUR - 30_000;
    owner = await startScriptedOwner({}, { slots: [slot('', expiresAt, { profileName: 'dev-admin' }), slot('ci', expiresAt, { profileName: 'ci', source: 'pushed' })] });
    const io = recordingIo({ ROLETRAY_CONFIG_DIR: owner.configDir });
    expect(await list([], io)).toBe(0);
    expect(io.out).toBe('SLOT       PROFILE    ACCOUNT       ROLE   EXPIRES\n(default)  dev-admin  012345678901  Admin  59m\nci         ci         012345678901  Admin  59m\n');
    const json = recordingIo({ ROLETRAY_CONFIG_DIR: owner.configDir });
    expect(await list(['--json'], json)).toBe(0);
    expect((JSON.parse(json.out) as { slots: { Source: string }[] }).slots[0]!.Source).toBe('pushed');
  });

  it("shows each slot's source, and a derived slot's chain under it", async () => {
    const expiresAt = Date.now() + HOUR - 30_000;
    const slots = [
      slot('', expiresAt, { profileName: 'dev-admin', accountId: '111111111111' }),
      slot('deploy', expiresAt, { profileName: 'deploy', accountId: '222222222222', roleName: 'Deploy', source: 'assumed', chain: DEPLOY_CHAIN }),
      slot('ci', expiresAt, { profileName: 'ci', source: 'pushed' }),
    ];
    owner = await startScriptedOwner({}, { slots });
    const io = recordingIo({ ROLETRAY_CONFIG_DIR: owner.configDir });
    expect(await list([], io)).toBe(0);
    expect(io.out).toBe(
      [
        'SLOT       PROFILE    ACCOUNT       ROLE    SOURCE   EXPIRES',
        '(default)  dev-admin  111111111111  Admin   sso      59m',
        'deploy     deploy     222222222222  Deploy  assumed  59m',
        `  ↳ ${DEPLOY_CHAIN[0]} → ${DEPLOY_CHAIN[1]}`,
        'ci         ci         012345678901  Admin   pushed   59m',
        '',
      ].join('\n'),
    );
    const json = recordingIo({ ROLETRAY_CONFIG_DIR: owner.configDir });
    expect(await list(['--json'], json)).toBe(0);
    const parsed = JSON.parse(json.out) as { default: { Source: string }; slots: { Slot: string; Source: string; Chain?: string[] }[] };
    expect(parsed.default.Source).toBe('sso');
    expect(parsed.slots.map(({ Slot, Source, Chain }) => ({ Slot, Source, Chain }))).toEqual([
      { Slot: 'deploy', Source: 'assumed', Chain: DEPLOY_CHAIN },
      { Slot: 'ci', Source: 'pushed', Chain: undefined },
    ]);
  });
});

describe('load -p NAME through the owner', () => {
  const loaded = (profile: string) => ({ slot: '', profileName: profile });
  async function ownerWith(state: Partial<AppState>) {
    owner = await startScriptedOwner(
      {
        listRoles: () => state.sso?.length === 0 ? [] : [role('111111111111', 'Admin')],
        loadRole: ({ roleKey }) => loaded(roleKey),
        loadProfile: ({ profile, slot: into, slotted }) => {
          if (profile === 'loop-a') throw new Error('The profiles loop: loop-a → loop-b → loop-a; one of them needs another source_profile');
          return { slot: into ?? (slotted ? profile : ''), profileName: profile };
        },
      },
      state,
    );
    return { ROLETRAY_CONFIG_DIR: owner.configDir, AWS_CONFIG_FILE: join(mkdtempSync(join(tmpdir(), 'roletray-load-')), 'config') };
  }
  const ops = () => owner!.calls.filter((c) => c.op === 'loadRole' || c.op === 'loadProfile').map((c) => [c.op, c.arg]);

  it('loads a catalogue role with loadRole, and a chain or an IAM user of the state with loadProfile', async () => {
    const env = await ownerWith({ chains: [{ profileName: 'deploy', via: '111111111111:Admin', roleArn: 'arn:aws:iam::222222222222:role/Deploy', origin: 'roletray' }], iamUsers: [{ name: 'alice', accessKeyHint: 'AKIA…WXYZ' }] });
    expect(await load(['-p', '111111111111:Admin'], recordingIo(env))).toBe(0);
    const io = recordingIo(env);
    expect(await load(['-p', 'deploy', '--slotted'], io)).toBe(0);
    expect(io.out).toBe('Loaded deploy into slot "deploy".\n');
    expect(await load(['-p', 'alice', '--slot', 'work'], recordingIo(env))).toBe(0);
    expect(ops()).toEqual([
      ['loadRole', { roleKey: role('111111111111', 'Admin').key }],
      ['loadProfile', { profile: 'deploy', slotted: true }],
      ['loadProfile', { profile: 'alice', slot: 'work' }],
    ]);
  });

  it("hands any other name to the owner, whose reason (a loop, a missing source) is shown as it is; ~/.aws/config's SSO profiles stay loadRole's", async () => {
    const env = await ownerWith({});
    writeFileSync(env.AWS_CONFIG_FILE, '[profile sso-dev]\nsso_start_url = https://example-sso.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 111111111111\nsso_role_name = Admin\n');
    await expect(load(['-p', 'loop-a'], recordingIo(env))).rejects.toThrow(/^The profiles loop: loop-a → loop-b → loop-a; one of them needs another source_profile$/);
    expect(await load(['-p', 'sso-dev'], recordingIo(env))).toBe(0);
    expect(ops()).toEqual([
      ['loadProfile', { profile: 'loop-a' }],
      ['loadRole', { roleKey: role('111111111111', 'Admin').key, profileName: 'sso-dev' }],
    ]);
  });

  it('not signed in and nothing chained: signing in is what is missing', async () => {
    const env = await ownerWith({ sso: [] });
    await expect(load(['-p', 'dev:Admin'], recordingIo(env))).rejects.toThrow(/^not signed in to IAM Identity Center \(run: roletray login\)$/);
    expect(ops()).toEqual([]);
  });
});
