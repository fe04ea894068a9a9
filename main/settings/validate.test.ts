import { describe, expect, it } from 'vitest';
import { defaultSettings } from './schema';
import { applyPatch, readSettings } from './validate';

describe('settings validation', () => {
  it('accepts every default', () => {
    expect(readSettings({ ...defaultSettings() })).toEqual({ settings: defaultSettings(), problems: [] });
  });

  it('keeps good fields and resets bad ones with a message per field', () => {
    const { settings, problems } = readSettings({
      port: 70000,
      theme: 'dark',
      notifications: 'yes',
      ssoInstances: [{ startUrl: 'http://x', region: 'us-east-1' }],
      containerAccess: { enabled: true, address: 'docker' },
      auth: false,
      tokenFile: 'relative/path',
      colour: 'red',
    });
    expect(settings.theme).toBe('dark');
    expect(settings.port).toBe(4144);
    expect(settings.notifications).toBe(true);
    // A broken auth field falls back to requiring the token, never to serving without one.
    expect(settings.auth).toBe('token');
    expect(problems).toEqual([
      'port: must be a whole number from 1 to 65535',
      'notifications: must be true or false',
      'ssoInstances: entry 1: the start URL must be an https URL such as https://my-org.awsapps.com/start',
      'containerAccess: address must be an IP address such as 172.17.0.1',
      'auth: must be "token" or "none"',
      'tokenFile: must be an absolute file path, or null for none',
      'colour: not a setting (ignored)',
    ]);
  });

  it('applies a change whole or not at all', () => {
    const current = defaultSettings();
    const good = applyPatch(current, { port: 5000, ssoInstances: [{ startUrl: 'https://a.awsapps.com/start', region: 'eu-west-1' }] });
    expect(good.ok && good.settings.port).toBe(5000);
    const bad = applyPatch(current, { port: 5000, theme: 'blue', profileNameFormat: '{accountId}' });
    expect(bad).toEqual({
      ok: false,
      problems: ['theme: must be "system", "light" or "dark"', 'profileNameFormat: the format must contain {roleName}, or roles of one account would share a name'],
    });
    expect(current.port).toBe(4144);
  });

  // These were saved as "updated" and then silently ignored by the naming, which has its own rule.
  it.each([
    ['{roleName}', 'profileNameFormat: the format must name the account ({accountId}, {accountName} or {accountAlias}), or roles of different accounts would share names'],
    ['{accountNmae}-{roleName}', 'profileNameFormat: unknown placeholder {accountNmae} (use {accountId}, {accountName}, {accountAlias}, {roleName})'],
    ['{accountId}\t{roleName}', 'profileNameFormat: the names it makes cannot name a slot (slot name contains a control character)'],
  ])('refuses the profile-name format %j with the reason the naming would ignore it', (format, problem) => {
    expect(applyPatch(defaultSettings(), { profileNameFormat: format })).toEqual({ ok: false, problems: [problem] });
  });
});

describe('the region defaults and the role-switch setting', () => {
  it('a file written before they existed reads with their defaults, and no problem', () => {
    const { settings, problems } = readSettings({ version: 1, port: 5000 });
    expect(problems).toEqual([]);
    expect(settings.regions).toEqual({ instances: {}, accounts: {}, slots: {} });
    expect(settings.switchWithinMinutes).toBe(5);
  });

  it('keeps good values and says what is wrong with bad ones', () => {
    const regions = { instances: { 'https://a.awsapps.com/start': 'eu-west-1' }, accounts: { '012345678901': 'us-east-2' }, slots: { '': 'eu-central-1', dev: 'ap-south-1' } };
    expect(applyPatch(defaultSettings(), { regions, switchWithinMinutes: null })).toMatchObject({ ok: true, settings: { regions, switchWithinMinutes: null } });
    expect(applyPatch(defaultSettings(), { switchWithinMinutes: 0 })).toEqual({ ok: false, problems: ['switchWithinMinutes: must be a whole number of minutes from 1 to 60, or null for off'] });
    expect(applyPatch(defaultSettings(), { switchWithinMinutes: 2.5 }).ok).toBe(false);
    expect(applyPatch(defaultSettings(), { regions: { instances: {}, accounts: { '123': 'eu-west-1' }, slots: {} } })).toEqual({
      ok: false,
      problems: ['regions: accounts "123": the account must be a 12-digit account id'],
    });
    expect(applyPatch(defaultSettings(), { regions: { instances: {}, accounts: {}, slots: { dev: 'Ireland' } } })).toEqual({
      ok: false,
      problems: ['regions: slots "dev": the region must be an AWS region such as us-east-1'],
    });
  });
});
