import { describe, expect, it } from 'vitest';
import { noRegionDefaults } from '../../common/region-choice';
import { profileEntries } from './profile-entries';

describe('profileEntries', () => {
  it('gives a chained profile its own region before the defaults, and a chain from an IAM user the account default', () => {
    const regions = { ...noRegionDefaults(), accounts: { '222222222222': 'eu-west-1' } };
    const { entries } = profileEntries(
      [
        { profileName: 'deploy', accountId: '222222222222', startUrl: 'https://a.awsapps.com/start', region: 'ap-south-1' },
        { profileName: 'from-user', accountId: '222222222222', startUrl: '' },
      ],
      { command: ['/opt/roletray'], regions },
    );
    expect(entries).toEqual([
      { name: 'deploy', settings: [['credential_process', '/opt/roletray credential-process --profile deploy'], ['region', 'ap-south-1']] },
      { name: 'from-user', settings: [['credential_process', '/opt/roletray credential-process --profile from-user'], ['region', 'eu-west-1']] },
    ]);
  });

  it('writes the command line for Windows tools on Windows: the installed path in double quotes', () => {
    const { entries } = profileEntries([{ profileName: 'prod admin', accountId: '111111111111', startUrl: 'https://a.awsapps.com/start' }], {
      command: ['C:\\Program Files\\RoleTray\\resources\\bin\\roletray.exe'],
      configDir: 'C:\\Users\\Me\\AppData\\Roaming\\RoleTray',
      regions: noRegionDefaults(),
      platform: 'win32',
    });
    expect(entries[0]!.settings).toEqual([
      ['credential_process', '"C:\\Program Files\\RoleTray\\resources\\bin\\roletray.exe" credential-process --profile "prod admin" --config-dir C:\\Users\\Me\\AppData\\Roaming\\RoleTray'],
    ]);
  });
});
