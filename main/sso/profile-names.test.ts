import { describe, expect, it } from 'vitest';
import { formatProblem, profileNameOf, roleKey } from './profile-names';

const role = { accountId: '012345678901', accountName: 'Data Lake prod', roleName: 'ReadOnlyAccess' };

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
    expect(profileNameOf(role, { format: '{accountAlias}-{roleName}', custom: { [roleKey(role)]: 'lake-ro' } })).toBe('lake-ro');
    expect(profileNameOf(role, { custom: { [roleKey(role)]: 'has/slash' } })).toBe('012345678901:ReadOnlyAccess');
    expect(profileNameOf(role, { format: '{nope}' })).toBe('012345678901:ReadOnlyAccess');
  });

  it('explains what is wrong with a format', () => {
    expect(formatProblem('{accountId}:{roleName}')).toBeUndefined();
    expect(formatProblem('{account}:{roleName}')).toMatch(/unknown placeholder \{account\}/);
    expect(formatProblem('{roleName}')).toMatch(/must name the account/);
    expect(formatProblem('{accountAlias}')).toMatch(/must contain \{roleName\}/);
    expect(formatProblem('  ')).toMatch(/empty/);
  });
});
