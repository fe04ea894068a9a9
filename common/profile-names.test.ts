import { describe, expect, it } from 'vitest';
import { formatProblem, profileNameOf } from './profile-names';
import { roleKeyOf } from './role-key';

const role = { startUrl: 'https://d-1.awsapps.com/start', accountId: '012345678901', accountName: 'Data Lake prod', roleName: 'ReadOnlyAccess' };

describe('profile names', () => {
  it('defaults to <12-digit account id>:<role name>', () => {
    expect(profileNameOf(role)).toBe('012345678901:ReadOnlyAccess');
  });

  it('follows a format with account name, alias (no spaces) and role', () => {
    expect(profileNameOf(role, { format: '{accountAlias}-{roleName}' })).toBe('DataLakeprod-ReadOnlyAccess');
    expect(profileNameOf(role, { format: '{accountName} / {roleName}' })).toBe('Data Lake prod - ReadOnlyAccess');
    expect(profileNameOf(role, { format: '{accountId}.{roleName}' })).toBe('012345678901.ReadOnlyAccess');
  });

  it('lets a custom name win, and ignores unusable settings rather than producing a bad name', () => {
    expect(profileNameOf(role, { format: '{accountAlias}-{roleName}', custom: { [roleKeyOf(role)]: 'lake-ro' } })).toBe('lake-ro');
    expect(profileNameOf(role, { custom: { [roleKeyOf(role)]: 'has/slash' } })).toBe('012345678901:ReadOnlyAccess');
    expect(profileNameOf(role, { format: '{nope}' })).toBe('012345678901:ReadOnlyAccess');
    // A name given for the same account and role of another instance is not this role's.
    expect(profileNameOf(role, { custom: { [roleKeyOf({ ...role, startUrl: 'https://other.awsapps.com/start' })]: 'other' } })).toBe('012345678901:ReadOnlyAccess');
  });

  it('explains what is wrong with a format', () => {
    expect(formatProblem('{accountId}:{roleName}')).toBeUndefined();
    expect(formatProblem('{account}:{roleName}')).toBe('unknown placeholder {account} (use {accountId}, {accountName}, {accountAlias}, {roleName})');
    expect(formatProblem('{roleName}')).toBe('the format must name the account ({accountId}, {accountName} or {accountAlias}), or roles of different accounts would share names');
    expect(formatProblem('{accountAlias}')).toBe('the format must contain {roleName}, or roles of one account would share a name');
    expect(formatProblem('  ')).toBe('the profile name format is empty');
    expect(formatProblem('{accountId}\n{roleName}')).toBe('the names it makes cannot name a slot (slot name contains a control character)');
  });
});
