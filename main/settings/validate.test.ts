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

  const deploy = { profileName: 'deploy', roleArn: 'arn:aws:iam::222222222222:role/Deploy', via: 'dev-admin' };
  const alice = { name: 'alice', accessKeyHint: 'AKIA…WXYZ', accountId: '111111111111', arn: 'arn:aws:iam::111111111111:user/alice' };

  it('keeps chains and IAM users that follow STS rules', () => {
    const { settings, problems } = readSettings({ chains: [{ ...deploy, externalId: 'ext-1', durationSeconds: 3600 }], iamUsers: [{ ...alice, mfaSerial: 'arn:aws:iam::111111111111:mfa/alice', region: 'eu-west-1' }] });
    expect(problems).toEqual([]);
    expect(settings.chains).toEqual([{ ...deploy, externalId: 'ext-1', durationSeconds: 3600 }]);
    expect(settings.iamUsers[0]!.mfaSerial).toBe('arn:aws:iam::111111111111:mfa/alice');
  });

  it('refuses chains and IAM users STS would refuse, or that name one profile twice', () => {
    const problemOf = (patch: object) => {
      const result = applyPatch(defaultSettings(), patch);
      return result.ok ? undefined : result.problems;
    };
    expect(problemOf({ chains: [{ ...deploy, roleArn: 'arn:aws:iam::2222:role/Deploy' }] })).toEqual([
      'chains: entry 1 (deploy): role_arn "arn:aws:iam::2222:role/Deploy" is not a role ARN such as arn:aws:iam::123456789012:role/Deploy',
    ]);
    expect(problemOf({ chains: [{ ...deploy, externalId: 'x'.repeat(1225) }] })).toEqual(['chains: entry 1 (deploy): external_id is 1225 characters long; STS takes at most 1224']);
    expect(problemOf({ chains: [deploy, deploy] })).toEqual(['chains: lists deploy twice']);
    expect(problemOf({ chains: [{ ...deploy, colour: 'red' }] })).toEqual(['chains: entry 1: unknown field "colour"']);
    expect(problemOf({ chains: [{ ...deploy, durationSeconds: '3600' }] })).toEqual(['chains: entry 1: durationSeconds must be a number']);
    expect(problemOf({ iamUsers: [{ ...alice, accountId: '1111' }] })).toEqual(['iamUsers: entry 1 (alice): accountId must be 12 digits']);
    expect(problemOf({ iamUsers: [{ ...alice, secretAccessKey: 'x' }] })).toEqual(['iamUsers: entry 1: unknown field "secretAccessKey"']);
    expect(problemOf({ iamUsers: [{ ...alice, mfaSerial: 'bad' }] })).toEqual([
      'iamUsers: entry 1 (alice): mfa_serial "bad" is neither an MFA device ARN nor a hardware serial (9 to 256 letters, digits or _+=/:,.@-)',
    ]);
    expect(problemOf({ iamUsers: [alice, alice] })).toEqual(['iamUsers: lists alice twice']);
  });
});
