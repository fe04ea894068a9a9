import { chmodSync, lstatSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsCredentialsPath, describeWrite, writeProfiles } from './aws-config-file';

const entry = (name: string) => ({ name, settings: [['credential_process', `roletray credential-process --profile ${name}`]] as const });
const temp = () => mkdtempSync(join(tmpdir(), 'roletray-awsconfig-'));

describe('writeProfiles', () => {
  it('makes a new file 0600 in a new 0700 folder, as the AWS CLI does', async () => {
    const file = join(temp(), '.aws', 'config');
    const w = await writeProfiles(file, [entry('a')], { prune: false, dryRun: false });
    expect(w).toMatchObject({ written: true, added: ['a'] });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
  });

  it('keeps the mode of an existing file and writes through a symbolic link, leaving the link', async () => {
    const dir = temp();
    const real = join(dir, 'dotfiles-config');
    writeFileSync(real, '[profile mine]\nregion = eu-west-1\n');
    chmodSync(real, 0o664);
    const link = join(dir, 'config');
    symlinkSync(real, link);
    await writeProfiles(link, [entry('a')], { prune: false, dryRun: false });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(statSync(real).mode & 0o777).toBe(0o664);
    expect(readFileSync(real, 'utf8')).toMatch(/^\[profile mine\]\nregion = eu-west-1\n# BEGIN ROLETRAY\n/);
  });

  it('with dryRun, shows the change as a diff and leaves the file alone', async () => {
    const file = join(temp(), 'config');
    writeFileSync(file, '[profile mine]\n');
    const w = await writeProfiles(file, [entry('a')], { prune: false, dryRun: true });
    expect(w.written).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('[profile mine]\n');
    expect(w.diff).toContain('+[profile a]');
    expect(w.diff).toContain('+credential_process = roletray credential-process --profile a');
    expect(describeWrite(w, false)[0]).toBe(`${file}: would be 1 added, 0 updated, 0 removed, 0 unchanged`);
  });

  it('counts the credentials file\'s profiles as taken: their keys would win over credential_process', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'credentials'), '[a]\naws_access_key_id = AKIA\n');
    const w = await writeProfiles(join(dir, 'config'), [entry('a'), entry('b')], { prune: false, dryRun: false, credentialsFile: join(dir, 'credentials') });
    expect(w).toMatchObject({ collisions: ['a'], added: ['b'] });
    expect(describeWrite(w, false)).toContain('not written: profile a exists outside the RoleTray block (it is left as it is; use a prefix to write RoleTray\'s beside it)');
  });

  it('says when there is nothing to do', async () => {
    const file = join(temp(), 'config');
    await writeProfiles(file, [entry('a')], { prune: false, dryRun: false });
    const again = await writeProfiles(file, [entry('a')], { prune: false, dryRun: false });
    expect(again).toMatchObject({ written: false, changed: false, diff: '' });
    expect(describeWrite(again, false)).toEqual([`${file}: up to date (1 RoleTray profiles)`]);
  });
});

describe('awsCredentialsPath', () => {
  it('is $AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials', () => {
    expect(awsCredentialsPath({ AWS_SHARED_CREDENTIALS_FILE: '/x/creds', HOME: '/h' })).toBe('/x/creds');
    expect(awsCredentialsPath({ HOME: '/h' })).toBe('/h/.aws/credentials');
  });
});
