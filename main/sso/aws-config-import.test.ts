import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsConfigPath, importAwsConfig, readAwsConfig } from './aws-config-import';

// What `aws configure sso` writes, plus the hand edits people make.
const MODERN = `# Written by aws configure sso
[default]
region = eu-west-1
output = json

[sso-session acme]
sso_start_url = https://acme.awsapps.com/start#/
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[profile acme-admin]
sso_session = acme
sso_account_id = 012345678901
sso_role_name = AdministratorAccess
region = eu-west-1

[profile   acme.readonly  ]
sso_session=acme
sso_account_id   =   210987654321
sso_role_name= ReadOnlyAccess
; a comment between keys
s3 =
  max_concurrent_requests = 20

[profile login-only]
sso_session = acme
`;

const LEGACY = `[profile old-dev]
sso_start_url = https://d-9067abcdef.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = PowerUserAccess
region = us-west-2

[profile plain]
aws_access_key_id = AKIAEXAMPLE
`;

const BROKEN = `[profile dangling]
sso_session = nowhere
sso_account_id = 111122223333
sso_role_name = X

[profile half]
sso_start_url = https://half.awsapps.com/start

[sso-session empty]
sso_region = us-east-1

[profile bad-account]
sso_start_url = https://d-9067abcdef.awsapps.com/start
sso_region = us-east-1
sso_account_id = not-a-number
sso_role_name = Admin
`;

describe('importAwsConfig', () => {
  it('reads [sso-session] profiles, keeping their names, dots and spacing quirks included', () => {
    const result = importAwsConfig(MODERN);
    expect(result.problems).toEqual([]);
    expect(result.instances).toEqual([{ startUrl: 'https://acme.awsapps.com/start#/', region: 'eu-west-1', sessionName: 'acme' }]);
    expect(result.profiles.sort((a, b) => a.profileName.localeCompare(b.profileName))).toEqual([
      { profileName: 'acme-admin', startUrl: 'https://acme.awsapps.com/start#/', region: 'eu-west-1', accountId: '012345678901', roleName: 'AdministratorAccess', sessionName: 'acme' },
      { profileName: 'acme.readonly', startUrl: 'https://acme.awsapps.com/start#/', region: 'eu-west-1', accountId: '210987654321', roleName: 'ReadOnlyAccess', sessionName: 'acme' },
    ]);
  });

  it('reads legacy sso_start_url profiles and skips non-SSO ones', () => {
    const result = importAwsConfig(LEGACY);
    expect(result.instances).toEqual([{ startUrl: 'https://d-9067abcdef.awsapps.com/start', region: 'us-east-1' }]);
    expect(result.profiles).toEqual([
      { profileName: 'old-dev', startUrl: 'https://d-9067abcdef.awsapps.com/start', region: 'us-east-1', accountId: '111122223333', roleName: 'PowerUserAccess' },
    ]);
  });

  it('reads both forms in one file, with Windows line endings', () => {
    const result = importAwsConfig(`${MODERN}\n${LEGACY}`.replace(/\n/g, '\r\n'));
    expect(result.profiles.map((p) => p.profileName).sort()).toEqual(['acme-admin', 'acme.readonly', 'old-dev']);
    expect(result.instances).toHaveLength(2);
  });

  it('names what it cannot use instead of guessing', () => {
    const result = importAwsConfig(BROKEN);
    expect(result.profiles).toEqual([]);
    expect(result.problems).toEqual([
      '[sso-session empty] needs sso_start_url and sso_region',
      'profile dangling: sso_session "nowhere" has no [sso-session nowhere] section',
      'profile half: needs both sso_start_url and sso_region',
      'profile bad-account: sso_account_id is not an account id',
    ]);
  });

  it('finds the file the AWS CLI would read, and treats a missing file as empty', async () => {
    expect(awsConfigPath({ AWS_CONFIG_FILE: '/x/config' }, '/home/u')).toBe('/x/config');
    expect(awsConfigPath({}, '/home/u')).toBe(join('/home/u', '.aws', 'config'));
    const dir = mkdtempSync(join(tmpdir(), 'roletray-awsconfig-'));
    expect(await readAwsConfig(join(dir, 'missing'))).toEqual({ instances: [], profiles: [], problems: [] });
    writeFileSync(join(dir, 'config'), LEGACY);
    expect((await readAwsConfig(join(dir, 'config'))).profiles).toHaveLength(1);
  });
});
