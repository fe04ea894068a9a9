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
      tokenFile: 'relative/path',
      colour: 'red',
    });
    expect(settings.theme).toBe('dark');
    expect(settings.port).toBe(4144);
    expect(settings.notifications).toBe(true);
    expect(problems).toEqual([
      'port: must be a whole number from 1 to 65535',
      'notifications: must be true or false',
      'ssoInstances: entry 1: startUrl must be an https URL such as https://my-org.awsapps.com/start',
      'containerAccess: address must be an IP address such as 172.17.0.1',
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
      problems: ['theme: must be "system", "light" or "dark"', 'profileNameFormat: must contain {roleName}, or profile names would collide'],
    });
    expect(current.port).toBe(4144);
  });
});
