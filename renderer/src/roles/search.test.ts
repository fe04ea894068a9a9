import { describe, expect, it } from 'vitest';
import type { RoleView } from '../../../preload/api';
import { indexRoles, searchRoles } from './search';

const START = 'https://d-123.awsapps.com/start';
function role(accountId: string, accountName: string, roleName: string): RoleView {
  return { key: `${START}|${accountId}|${roleName}`, startUrl: START, accountId, accountName, roleName, profileName: `${accountId}:${roleName}` };
}

const roles = [
  role('111111111111', 'Payments Prod', 'ReadOnly'),
  role('222222222222', 'Admin Sandbox', 'Developer'),
  role('333333333333', 'Payments Dev', 'Admin'),
  role('444444444444', 'Data Lake', 'AdministratorAccess'),
];
const index = indexRoles(roles);
const names = (list: RoleView[]) => list.map((r) => `${r.accountName}/${r.roleName}`);

describe('searchRoles', () => {
  it('needs every word, in any field, any case', () => {
    expect(names(searchRoles(index, 'PAYMENTS admin', [], []))).toEqual(['Payments Dev/Admin']);
    expect(names(searchRoles(index, '3333 dev', [], []))).toEqual(['Payments Dev/Admin']);
    expect(searchRoles(index, 'payments nothing', [], [])).toEqual([]);
  });

  it('ranks a whole-field match over a prefix over a substring', () => {
    expect(names(searchRoles(index, 'admin', [], []))).toEqual(['Payments Dev/Admin', 'Admin Sandbox/Developer', 'Data Lake/AdministratorAccess']);
  });

  it('ranks word starts over matches inside words', () => {
    // "lake" starts a word of "Data Lake"; "ake" is only inside one.
    expect(names(searchRoles(index, 'dev', [], []))).toEqual(['Admin Sandbox/Developer', 'Payments Dev/Admin']);
  });

  it('finds account ids and profile names', () => {
    expect(names(searchRoles(index, '444444444444:administratoraccess', [], []))).toEqual(['Data Lake/AdministratorAccess']);
  });

  it('puts pinned then recent roles first when the query is empty', () => {
    const out = searchRoles(index, '  ', [roles[3]!.key], [roles[2]!.key, roles[3]!.key]);
    expect(names(out)).toEqual(['Data Lake/AdministratorAccess', 'Payments Dev/Admin', 'Payments Prod/ReadOnly', 'Admin Sandbox/Developer']);
  });

  it('breaks ties with pinned and recent roles', () => {
    const out = searchRoles(index, 'payments', [], [roles[2]!.key]);
    expect(names(out)).toEqual(['Payments Dev/Admin', 'Payments Prod/ReadOnly']);
  });

  it('filters 10,000 roles in well under a frame', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => role(String(i).padStart(12, '0'), `Account ${i} ${i % 7 ? 'prod' : 'dev'}`, ['Admin', 'ReadOnly', 'Developer', 'Billing'][i % 4]!));
    const big = indexRoles(many);
    searchRoles(big, 'a', [], []);
    const t = performance.now();
    for (const q of ['a', 'ac', 'acc', 'account 12', 'prod admin']) searchRoles(big, q, [], []);
    expect((performance.now() - t) / 5).toBeLessThan(50);
  });
});
