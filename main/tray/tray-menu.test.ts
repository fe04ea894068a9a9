import { describe, expect, it } from 'vitest';
import { appState, role, slot, START_URL } from '../../test-support/app-state';
import { trayMenu, type TrayItem } from './tray-menu';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const labels = (items: TrayItem[]) => items.map((i) => (i.kind === 'separator' ? '---' : i.label));
const action = (items: TrayItem[], label: string) => {
  const item = items.find((i) => i.kind === 'action' && i.label === label);
  return item?.kind === 'action' ? item.action : undefined;
};

describe('trayMenu', () => {
  it('nothing loaded: idle icon, says so, offers open/start at login/quit but no unload', () => {
    const m = trayMenu(appState(), NOW);
    expect(m.icon).toBe('idle');
    expect(m.title).toBe('No role loaded');
    expect(labels(m.items)).toEqual(['Default: no role loaded', '---', 'Copy export lines', '---', 'Open RoleTray…', 'Start at login', 'Reveal logs', 'Quit']);
  });

  it('loaded: the profile and time left in title, tooltip and first line; unload offered', () => {
    const m = trayMenu(appState({ slots: [slot('', NOW + 47 * 60_000 + 10_000)] }), NOW);
    expect(m.icon).toBe('active');
    expect(m.title).toBe('012345678901:Admin · 47m');
    expect(m.tooltip).toBe('RoleTray — 012345678901:Admin · 47m');
    expect(m.items[0]).toEqual({ kind: 'label', label: 'Default: 012345678901:Admin · 47m' });
    expect(action(m.items, 'Unload default')).toEqual({ type: 'unload', slot: '' });
    expect(action(m.items, 'Open AWS console')).toEqual({ type: 'openConsole' });
  });

  it('expiring: pushed credentials with under 15 minutes left turn the icon amber; refreshed SSO ones do not', () => {
    expect(trayMenu(appState({ slots: [slot('', NOW + 10 * 60_000, { source: 'pushed' })] }), NOW).icon).toBe('expiring');
    expect(trayMenu(appState({ slots: [slot('', NOW + 10 * 60_000, { refresh: 'retrying' })] }), NOW).icon).toBe('expiring');
    expect(trayMenu(appState({ slots: [slot('', NOW + 10 * 60_000)] }), NOW).icon).toBe('active');
  });

  it('expired: idle icon and "Expired" in the title', () => {
    const m = trayMenu(appState({ slots: [slot('', NOW - 1000, { source: 'pushed' })] }), NOW);
    expect(m.icon).toBe('idle');
    expect(m.title).toBe('012345678901:Admin · Expired');
  });

  it('sign-in needed: attention icon, the slot says so, and a sign-in item for the instance', () => {
    const m = trayMenu(
      appState({ slots: [slot('', NOW + 30 * 60_000, { refresh: 'needs-login' })], sso: [{ startUrl: START_URL, region: 'eu-west-1', signedIn: false, roleCount: 3 }] }),
      NOW,
    );
    expect(m.icon).toBe('attention');
    expect(m.title).toBe('012345678901:Admin · 30m (sign in again)');
    expect(action(m.items, 'Sign in to example-sso.awsapps.com…')).toEqual({ type: 'signIn', startUrl: START_URL, region: 'eu-west-1' });
  });

  it('server down: attention icon, the reason in the menu, and a retry and a port change offered', () => {
    const m = trayMenu(appState({ server: { ...appState().server, listening: false, error: 'Port 4144 is in use' } }), NOW);
    expect(m.icon).toBe('attention');
    expect(labels(m.items).slice(1, 4)).toEqual(['Server stopped: Port 4144 is in use', 'Retry', 'Change port…']);
    expect(action(m.items, 'Retry')).toEqual({ type: 'retryServer' });
    expect(action(m.items, 'Change port…')).toEqual({ type: 'changePort' });
    expect(labels(trayMenu(appState(), NOW).items)).not.toContain('Retry');
  });

  it('offers to install the command-line tool only where the app ships one', () => {
    expect(action(trayMenu(appState(), NOW, { installCli: true }).items, 'Install command-line tool…')).toEqual({ type: 'installCli' });
    expect(labels(trayMenu(appState(), NOW).items)).not.toContain('Install command-line tool…');
  });

  it('many recents: pinned first, recents without the pinned ones, at most 8, the loaded one checked', () => {
    const roles = Array.from({ length: 12 }, (_, i) => role(String(100000000000 + i), `R${i}`));
    const entries = roles.map((r) => ({ kind: 'role' as const, ...r }));
    const m = trayMenu(appState({ history: { pinned: [entries[3]!], recents: entries }, slots: [slot('', NOW + 3_600_000, { roleKey: roles[3]!.key })] }), NOW);
    const l = labels(m.items);
    expect(l.slice(l.indexOf('Pinned'), l.indexOf('Pinned') + 2)).toEqual(['Pinned', '100000000003:R3']);
    const recent = l.slice(l.indexOf('Recent') + 1, l.indexOf('Recent') + 10);
    expect(recent.filter((x) => x !== '---' && x.includes(':'))).toHaveLength(8);
    expect(recent).not.toContain('100000000003:R3');
    const pinnedItem = m.items.find((i) => i.kind === 'action' && i.label === '100000000003:R3');
    expect(pinnedItem).toMatchObject({ checked: true, action: { type: 'loadRole', roleKey: roles[3]!.key } });
  });

  it('chains and IAM users sit among the roles in use order; a click loads one by name, the loaded one checked, a pinned one only under Pinned', () => {
    const admin = role('111111111111', 'Admin');
    const deploy = { kind: 'chain' as const, profileName: 'deploy', roleArn: 'arn:aws:iam::222222222222:role/Deploy', via: '111111111111:Admin' };
    const alice = { kind: 'iam-user' as const, profileName: 'alice' };
    const m = trayMenu(
      appState({
        history: { recents: [deploy, { kind: 'role', ...admin }, alice], pinned: [alice] },
        slots: [slot('', NOW + 3_600_000, { profileName: 'deploy', source: 'assumed', accountId: '222222222222', roleName: 'Deploy' })],
      }),
      NOW,
    );
    const l = labels(m.items);
    expect(l.slice(l.indexOf('Pinned'), l.indexOf('Pinned') + 2)).toEqual(['Pinned', 'alice (IAM user)']);
    expect(l.slice(l.indexOf('Recent'), l.indexOf('Recent') + 3)).toEqual(['Recent', 'deploy (from 111111111111:Admin)', '111111111111:Admin']);
    expect(l.filter((x) => x === 'alice (IAM user)')).toHaveLength(1);
    expect(m.items.find((i) => i.kind === 'action' && i.label === 'deploy (from 111111111111:Admin)')).toEqual({
      kind: 'action',
      label: 'deploy (from 111111111111:Admin)',
      action: { type: 'loadProfile', profile: 'deploy' },
      checked: true,
    });
    expect(m.items.find((i) => i.kind === 'action' && i.label === 'alice (IAM user)')).toMatchObject({ action: { type: 'loadProfile', profile: 'alice' }, checked: false });
    expect(m.items.find((i) => i.kind === 'action' && i.label === '111111111111:Admin')).toMatchObject({ action: { type: 'loadRole', roleKey: admin.key }, checked: false });
  });

  it('a profile is checked only while the default slot was loaded by it, not a pushed slot of that name', () => {
    const alice = { kind: 'iam-user' as const, profileName: 'alice' };
    const checked = (source: 'iam-user' | 'pushed') => {
      const m = trayMenu(appState({ history: { recents: [alice], pinned: [] }, slots: [slot('', NOW + 3_600_000, { profileName: 'alice', source })] }), NOW);
      return m.items.find((i) => i.kind === 'action' && i.label === 'alice (IAM user)');
    };
    expect(checked('iam-user')).toMatchObject({ checked: true });
    expect(checked('pushed')).toMatchObject({ checked: false });
  });

  it('a recent chain that cannot load as it stands is shown but not offered', () => {
    const orphan = { kind: 'chain' as const, profileName: 'orphan', roleArn: 'arn:aws:iam::222222222222:role/Deploy', via: 'nowhere', problem: 'There is no profile nowhere' };
    const m = trayMenu(appState({ history: { recents: [orphan], pinned: [] } }), NOW);
    expect(m.items.find((i) => i.kind === 'action' && i.label === 'orphan (from nowhere)')).toMatchObject({ enabled: false, action: { type: 'loadProfile', profile: 'orphan' } });
  });

  it('named slots go in a submenu with one unload each', () => {
    const m = trayMenu(appState({ slots: [slot('ci', NOW + 3_600_000), slot('ops', NOW + 120_000)] }), NOW);
    const sub = m.items.find((i) => i.kind === 'submenu');
    expect(sub?.kind === 'submenu' && labels(sub.items)).toEqual(['Unload ci · 1h', 'Unload ops · 2m']);
  });

  it('a session near its end: amber icon, a line saying how near, and a one-click sign-in; at the end, the attention icon', () => {
    const end = NOW + 60 * 60_000;
    const at = (minutesBefore: number, signedIn = true) =>
      trayMenu(appState({ slots: [slot('', end + 20 * 60_000)], sso: [{ startUrl: START_URL, region: 'eu-west-1', signedIn, roleCount: 3, sessionExpiresAt: end }] }), end - minutesBefore * 60_000);
    expect(at(31).icon).toBe('active');
    expect(labels(at(31).items)).not.toContain('Sign in to example-sso.awsapps.com…');
    for (const [before, line] of [
      [30, 'Session for example-sso.awsapps.com ends within 30 min'],
      [6, 'Session for example-sso.awsapps.com ends within 30 min'],
      [5, 'Session for example-sso.awsapps.com ends within 5 min'],
    ] as const) {
      const m = at(before);
      expect(m.icon).toBe('expiring');
      const l = labels(m.items);
      expect(l.slice(l.indexOf(line), l.indexOf(line) + 2)).toEqual([line, 'Sign in to example-sso.awsapps.com…']);
      expect(action(m.items, 'Sign in to example-sso.awsapps.com…')).toEqual({ type: 'signIn', startUrl: START_URL, region: 'eu-west-1' });
    }
    const ended = at(0, false);
    expect(ended.icon).toBe('attention');
    expect(labels(ended.items)).toContain('Session for example-sso.awsapps.com has ended');
    expect(action(ended.items, 'Sign in to example-sso.awsapps.com…')).toEqual({ type: 'signIn', startUrl: START_URL, region: 'eu-west-1' });
  });

  it('a chained slot says where its credentials come from, on the default line and in the named slots', () => {
    const chain = ['IAM Identity Center 111111111111/Admin (dev-admin)', 'AssumeRole arn:aws:iam::222222222222:role/Deploy'];
    const m = trayMenu(
      appState({
        slots: [
          slot('', NOW + 50 * 60_000, { profileName: 'deploy', source: 'assumed', chain }),
          slot('ci', NOW + 50 * 60_000, { profileName: 'ci', source: 'iam-user', chain: ['IAM user alice (AKIA…WXYZ)'] }),
          slot('plain', NOW + 50 * 60_000),
        ],
      }),
      NOW,
    );
    expect(labels(m.items).slice(0, 2)).toEqual(['Default: deploy · 50m', '  via IAM Identity Center 111111111111/Admin (dev-admin)']);
    const sub = m.items.find((i) => i.kind === 'submenu');
    expect(sub?.kind === 'submenu' && labels(sub.items)).toEqual(['Unload ci · 50m', '  via IAM user alice (AKIA…WXYZ)', 'Unload plain · 50m']);
    // A chained role refreshes like an SSO one: near its end it stays green.
    expect(trayMenu(appState({ slots: [slot('', NOW + 10 * 60_000, { source: 'assumed', chain })] }), NOW).icon).toBe('active');
  });

  it('an MFA code waiting: attention icon, what it is for, and an item that opens the window', () => {
    const prompt = { id: 'p1', mfaSerial: 'arn:aws:iam::111111111111:mfa/alice', profileName: 'alice', reason: 'to load deploy (arn:aws:iam::222222222222:role/Deploy)', expiresAt: NOW + 180_000 };
    const m = trayMenu(appState({ mfaPrompts: [prompt] }), NOW);
    expect(m.icon).toBe('attention');
    const l = labels(m.items);
    const at = l.indexOf('Enter MFA code…');
    expect(l[at - 1]).toBe('MFA code needed for alice to load deploy (arn:aws:iam::222222222222:role/Deploy)');
    expect(action(m.items, 'Enter MFA code…')).toEqual({ type: 'enterMfa' });
    expect(labels(trayMenu(appState(), NOW).items)).not.toContain('Enter MFA code…');
  });

  it('a slot whose refresh needs an MFA code says so, with the same item, once the prompt has gone', () => {
    const m = trayMenu(appState({ slots: [slot('', NOW + 20 * 60_000, { profileName: 'deploy', source: 'assumed', refresh: 'needs-mfa' })] }), NOW);
    expect(m.icon).toBe('attention');
    expect(m.title).toBe('deploy · 20m (MFA code needed)');
    const l = labels(m.items);
    expect(l.slice(l.indexOf('deploy needs an MFA code to refresh'), l.indexOf('deploy needs an MFA code to refresh') + 2)).toEqual(['deploy needs an MFA code to refresh', 'Enter MFA code…']);
  });

  it('while a role list is fetched, a line says how far it got; with several instances, for which', () => {
    const fetching = { startUrl: START_URL, region: 'eu-west-1', signedIn: true, roleCount: 1234, catalogueProgress: { roles: 1234, accountsDone: 120, accounts: 2000 } };
    expect(labels(trayMenu(appState({ sso: [fetching] }), NOW).items)).toContain('Fetching roles… 1,234 (120 of 2,000 accounts)');
    const other = { startUrl: 'https://other.awsapps.com/start', region: 'us-east-1', signedIn: true, roleCount: 7 };
    const both = labels(trayMenu(appState({ sso: [fetching, other] }), NOW).items);
    expect(both.filter((l) => l.includes('Fetching roles'))).toEqual([`${new URL(START_URL).host}: Fetching roles… 1,234 (120 of 2,000 accounts)`]);
    // Done: the line goes.
    const done = { ...fetching, catalogueProgress: undefined, catalogFetchedAt: NOW };
    expect(labels(trayMenu(appState({ sso: [done] }), NOW).items).filter((l) => l.includes('Fetching roles'))).toEqual([]);
  });

  it('shows the start-at-login setting as a check mark', () => {
    const s = appState();
    s.settings.startAtLogin = true;
    expect(trayMenu(s, NOW).items.find((i) => i.kind === 'action' && i.label === 'Start at login')).toMatchObject({ checked: true });
  });
});
