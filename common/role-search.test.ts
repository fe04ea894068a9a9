import { describe, expect, it } from 'vitest';
import { indexRoles, matchRanges, searchRoles, type SearchableRole } from './role-search';

const START = 'https://d-123.awsapps.com/start';
function role(accountId: string, accountName: string, roleName: string, profileName = `${accountId}:${roleName}`): SearchableRole {
  return { key: `${START}|${accountId}|${roleName}`, accountId, accountName, roleName, profileName };
}

const roles = [
  role('111111111111', 'Payments Prod', 'ReadOnly'),
  role('222222222222', 'Admin Sandbox', 'Developer'),
  role('333333333333', 'Payments Dev', 'Admin'),
  role('444444444444', 'Data Lake', 'AdministratorAccess'),
  role('555555555555', 'Search dev', 'ReadOnlyAccess', 'search-ro'),
  role('666666666666', 'Prodigy sandbox', 'Billing'),
];
const index = indexRoles(roles);
const names = (list: SearchableRole[]) => list.map((r) => `${r.accountName}/${r.roleName}`);
const search = (query: string, options?: Parameters<typeof searchRoles>[2]) => names(searchRoles(index, query, options));

describe('the role search (window picker and `roletray roles FILTER`)', () => {
  it('needs every word, in any field, in any case', () => {
    expect(search('PAYMENTS admin')).toEqual(['Payments Dev/Admin']);
    expect(search('3333 dev')).toEqual(['Payments Dev/Admin']);
    expect(search('search-ro')).toEqual(['Search dev/ReadOnlyAccess']);
    expect(search('payments nothing')).toEqual([]);
  });

  it('ranks a whole-field match over a field start over a word start over a match inside a word', () => {
    expect(search('admin')).toEqual(['Payments Dev/Admin', 'Admin Sandbox/Developer', 'Data Lake/AdministratorAccess']);
    // "prod" starts "Prodigy sandbox" (the field) and a word of "Payments Prod".
    expect(search('prod')).toEqual(['Prodigy sandbox/Billing', 'Payments Prod/ReadOnly']);
    // "ake" only appears inside "Lake".
    expect(search('dev')).toEqual(['Admin Sandbox/Developer', 'Payments Dev/Admin', 'Search dev/ReadOnlyAccess']);
  });

  it('counts any punctuation as the start of a word (the window and the CLI used to disagree on "+" and "#")', () => {
    const odd = indexRoles([role('777777777777', 'team+ops', 'Viewer'), role('888888888888', 'teamops', 'Viewer'), role('999999999999', 'team#ops', 'Viewer')]);
    expect(names(searchRoles(odd, 'ops'))).toEqual(['team+ops/Viewer', 'team#ops/Viewer', 'teamops/Viewer']);
  });

  it('finds account ids and profile names', () => {
    expect(search('444444444444:administratoraccess')).toEqual(['Data Lake/AdministratorAccess']);
  });

  it('puts pinned, then recent roles first for an empty query, and breaks ties with them', () => {
    expect(search('  ', { pinned: [roles[3]!.key!], recent: [roles[2]!.key!, roles[3]!.key!] }).slice(0, 3)).toEqual([
      'Data Lake/AdministratorAccess',
      'Payments Dev/Admin',
      'Payments Prod/ReadOnly',
    ]);
    expect(search('payments', { recent: [roles[2]!.key!] })).toEqual(['Payments Dev/Admin', 'Payments Prod/ReadOnly']);
  });

  it('returns the list as it is for an empty query, and honours the limit', () => {
    expect(searchRoles(index, '')).toEqual(roles);
    expect(searchRoles(index, '', { limit: 2 })).toEqual(roles.slice(0, 2));
    expect(names(searchRoles(index, 'access', { limit: 1 }))).toEqual(['Data Lake/AdministratorAccess']);
  });

  it('works on roles without keys (the CLI lists roles of several instances)', () => {
    const lab = { accountId: '123456789012', accountName: 'Lab', roleName: 'Admin', profileName: 'lab' };
    expect(searchRoles(indexRoles([lab]), 'lab', { pinned: ['x'] })).toEqual([lab]);
  });
});

describe('the match ranges the window highlights', () => {
  const marked = (text: string, query: string) => matchRanges(text, query).map((r) => text.slice(r.start, r.end));

  it('marks every word of the query, in any case, where it occurs', () => {
    expect(matchRanges('Payments Prod', 'prod PAY')).toEqual([
      { start: 0, end: 3 },
      { start: 9, end: 13 },
    ]);
    expect(marked('ReadOnly-readonly', 'READ')).toEqual(['Read', 'read']);
  });

  it('merges runs that overlap or touch into one', () => {
    expect(marked('AdministratorAccess', 'adm min')).toEqual(['Admin']);
    expect(marked('AdministratorAccess', 'admin istrator')).toEqual(['Administrator']);
    expect(marked('aaaa', 'aa')).toEqual(['aaaa']);
  });

  it('marks nothing for an empty or blank query, or a word that is not there', () => {
    expect(matchRanges('Payments Prod', '')).toEqual([]);
    expect(matchRanges('Payments Prod', '  \t ')).toEqual([]);
    expect(matchRanges('Payments Prod', 'ledger')).toEqual([]);
  });

  it('maps matches back to whole characters where lower-casing changes the length', () => {
    // "İ".toLowerCase() is two code units; the ranges still index the text as shown.
    expect(marked('İstanbul Ops', 'stan ops')).toEqual(['stan', 'Ops']);
    expect(marked('İstanbul', 'i̇s')).toEqual(['İs']);
  });

  it('follows the search word for word: a role is found exactly when each word is marked in one of its fields', () => {
    const fields = (r: SearchableRole) => [r.accountId, r.accountName, r.roleName, r.profileName];
    for (const query of ['payments admin', '3333 dev', 'search-ro', 'prod', 'dev', 'access', 'payments nothing', 'a', '4444:admin']) {
      const found = new Set(searchRoles(index, query));
      for (const r of roles) {
        const everyWordMarked = query.split(' ').every((word) => fields(r).some((f) => matchRanges(f, word).length > 0));
        expect(everyWordMarked, `${query} / ${r.accountName}/${r.roleName}`).toBe(found.has(r));
      }
    }
  });
});
