import { describe, expect, it } from 'vitest';
import { indexRoles, matchRanges, rankRoles, searchRoles, type RankedRoles, type SearchableRole } from './role-search';

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

/** The ranking as the doc of searchRoles defines it, written the plain way: every role scanned and sorted. */
function rankedByDefinition(all: readonly SearchableRole[], query: string, pinned: readonly string[], recent: readonly string[]): SearchableRole[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const boost = (r: SearchableRole) => {
    if (r.key === undefined) return 0;
    const p = pinned.lastIndexOf(r.key);
    if (p >= 0) return 3 + (pinned.length - p) / (pinned.length + 1);
    const q = recent.lastIndexOf(r.key);
    return q >= 0 ? 1 + (recent.length - q) / (recent.length + 1) : 0;
  };
  const ranked = all.map((role, i) => ({ role, i, b: boost(role) }));
  if (words.length === 0) return ranked.filter((x) => x.b > 0).sort((x, y) => y.b - x.b || x.i - y.i).map((x) => x.role).concat(all.filter((r) => boost(r) === 0));
  const scored = ranked.flatMap(({ role, i, b }) => {
    const fields = [role.accountId, role.accountName, role.roleName, role.profileName].map((f) => f.toLowerCase());
    let score = 0;
    for (const w of words) {
      if (!fields.some((f) => f.includes(w))) return [];
      if (fields.includes(w)) score += 8;
      else if (fields.some((f) => f.startsWith(w))) score += 4;
      else if (fields.some((f) => [...f.matchAll(new RegExp(`(?<![a-z0-9\\u0080-\\uffff])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'g'))].length > 0)) score += 2;
      else score += 1;
    }
    return [{ role, i, key: score * 8 + b }];
  });
  return scored.sort((x, y) => y.key - x.key || x.i - y.i).map((x) => x.role);
}

describe('the search at scale (tens of thousands of roles, a keystroke at a time)', () => {
  const teams = ['payments', 'search', 'identity', 'data-lake', 'ledger', 'growth', 'security', 'ml', 'team+ops', 'İstanbul', 'Équipe 7', 'x-ray_2', 'café-élan'];
  const stages = ['prod', 'staging', 'dev', 'sandbox'];
  const roleNames = ['AdministratorAccess', 'ReadOnlyAccess', 'PowerUserAccess', 'Developer', 'SecurityAudit', 'prod'];
  const many: SearchableRole[] = [];
  for (let i = 0; many.length < 4000; i++) {
    const id = String(100_000_000_000 + i * 7919);
    const name = `${teams[i % teams.length]}-${stages[(i >> 2) % stages.length]}-${i % 37}`;
    for (let r = 0; r < 3; r++) many.push(role(id, name, roleNames[(i + r) % roleNames.length]!, r === 2 ? `${name}-${r}` : undefined));
  }
  // Two roles without a key (several instances, as the CLI lists them) and one key twice.
  many.push({ accountId: '000000000001', accountName: 'keyless prod', roleName: 'Admin', profileName: 'keyless' }, { ...many[7]! }, { accountId: '000000000002', accountName: 'keyless', roleName: 'prod', profileName: 'k2' });
  // Fields of one character, whole-field matches of a one-letter query.
  many.push(role('000000000003', 'a', 'x'), role('000000000004', 'x', 'A'));
  // A word that starts one field and is the whole of a later one, or is inside a word first; a whole field past 31 characters.
  const long = 'a-very-long-account-name-of-forty-chars';
  many.push(role('000000000005', 'prod-east', 'prod'), role('000000000006', 'reprod', 'prod'), role('000000000007', long, long), role('000000000008', `${long}-2`, 'Admin'));
  const pinned = [many[40]!.key!, many[7]!.key!, many[3001]!.key!];
  const recent = [many[7]!.key!, many[12]!.key!, many[2500]!.key!, 'not-a-role'];

  it('ranks exactly as the definition while a query is typed and erased key by key, repeated, with and without pins and recents', () => {
    const manyIndex = indexRoles(many);
    const typed = ['payments-prod', 'ledger stag', '1000079', 'sec aud', 'prod admin', 'dev dev', 'a', 'İs', 'team+ops read', '-2 ', 'zzz', 'équ 7', ':read', '_2', 'ray', '0 e', 'x', 'x a', long];
    for (const boosts of [{ pinned: [], recent: [] }, { pinned, recent }]) {
      for (const query of [...typed, ...typed.slice(0, 3)]) {
        const steps = [...Array(query.length).keys()].map((n) => query.slice(0, n + 1));
        for (const q of [...steps, ...steps.reverse()]) {
          const expected = rankedByDefinition(many, q, boosts.pinned, boosts.recent);
          expect(searchRoles(manyIndex, q, boosts), `"${q}"`).toEqual(expected);
          expect(searchRoles(manyIndex, q, { ...boosts, limit: 5 }), `"${q}", 5`).toEqual(expected.slice(0, 5));
        }
      }
    }
  });

  it('answers the window a view of the ranking, the same one for the same query and boosts, the list itself for no query and none', () => {
    const manyIndex = indexRoles(many);
    const all = <T>(r: RankedRoles<T>) => Array.from({ length: r.length }, (_, i) => r.at(i));
    for (const q of ['sec', 'sec aud', '', 'zzz']) expect(all(rankRoles(manyIndex, q, { pinned, recent })), `"${q}"`).toEqual(rankedByDefinition(many, q, pinned, recent));
    const view = rankRoles(manyIndex, 'sec', { pinned, recent });
    rankRoles(manyIndex, 'sec a', { pinned, recent });
    expect(rankRoles(manyIndex, 'sec', { pinned, recent })).toBe(view);
    expect(rankRoles(manyIndex, 'sec', { pinned: [...pinned], recent })).not.toBe(view);
    expect(rankRoles(manyIndex, '', { pinned, recent })).toBe(rankRoles(manyIndex, ' ', { pinned, recent }));
    expect(rankRoles(manyIndex, '')).toBe(many);
  });

  it('prepares a long list in slices while asked to go on, and a query before the end finishes it and ranks as ever', () => {
    const manyIndex = indexRoles(many);
    let asked = 0;
    expect(manyIndex.warm(() => ++asked < 2)).toBe(false);
    expect(asked).toBe(2);
    expect(searchRoles(manyIndex, 'sec aud', { pinned, recent })).toEqual(rankedByDefinition(many, 'sec aud', pinned, recent));
    expect(manyIndex.warm(() => false)).toBe(true);
    expect(indexRoles(many).warm()).toBe(true);
  });

  it('narrows only where the earlier query’s words are inside the new one’s', () => {
    const manyIndex = indexRoles(many);
    // "dev" then "staging": a role with "staging" need not have "dev".
    expect(searchRoles(manyIndex, 'dev')).toEqual(rankedByDefinition(many, 'dev', [], []));
    expect(searchRoles(manyIndex, 'staging')).toEqual(rankedByDefinition(many, 'staging', [], []));
    // "prod admin" then "admin": dropping a word widens.
    expect(searchRoles(manyIndex, 'prod admin')).toEqual(rankedByDefinition(many, 'prod admin', [], []));
    expect(searchRoles(manyIndex, 'admin')).toEqual(rankedByDefinition(many, 'admin', [], []));
  });
});
