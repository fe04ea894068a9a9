import { describe, expect, it } from 'vitest';
import { createRoleSearch } from './role-search';

const roles = [
  { accountId: '111111111111', accountName: 'Payments prod', roleName: 'AdministratorAccess', profileName: '111111111111:AdministratorAccess' },
  { accountId: '111111111111', accountName: 'Payments prod', roleName: 'ReadOnlyAccess', profileName: '111111111111:ReadOnlyAccess' },
  { accountId: '222222222222', accountName: 'Search dev', roleName: 'ReadOnlyAccess', profileName: 'search-ro' },
  { accountId: '333333333333', accountName: 'Prodigy sandbox', roleName: 'Admin', profileName: '333333333333:Admin' },
];

describe('role search', () => {
  const search = createRoleSearch(roles);

  it('needs every word, in any field, in any case', () => {
    expect(search('payments READ').map((r) => r.profileName)).toEqual(['111111111111:ReadOnlyAccess']);
    expect(search('2222')).toEqual([roles[2]]);
    expect(search('search-ro')).toEqual([roles[2]]);
    expect(search('payments nothing')).toEqual([]);
  });

  it('ranks whole and leading matches above matches inside a word', () => {
    // "prod" starts "Prodigy sandbox" (the field) and is a word of "Payments prod".
    expect(search('prod').map((r) => r.accountName)).toEqual(['Prodigy sandbox', 'Payments prod', 'Payments prod']);
    expect(search('admin').map((r) => r.roleName)).toEqual(['Admin', 'AdministratorAccess']);
  });

  it('returns the list as it is for an empty query, and honours the limit', () => {
    expect(search('   ')).toEqual(roles);
    expect(search('', 2)).toEqual(roles.slice(0, 2));
    expect(search('access', 1)).toHaveLength(1);
  });

  it('answers quickly on a large list', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({
      accountId: String(i).padStart(12, '0'),
      accountName: `Team ${i % 97} stage ${i % 5}`,
      roleName: ['Admin', 'ReadOnly', 'Dev'][i % 3]!,
      profileName: `${String(i).padStart(12, '0')}:${['Admin', 'ReadOnly', 'Dev'][i % 3]}`,
    }));
    const big = createRoleSearch(many);
    const started = performance.now();
    const hits = big('team 42 readonly');
    expect(performance.now() - started).toBeLessThan(100);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((r) => r.roleName === 'ReadOnly' && (r.accountName.includes('42') || r.accountId.includes('42')))).toBe(true);
    expect(hits[0]!.accountName).toMatch(/^Team 42 /);
  });
});
