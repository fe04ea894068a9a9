import { describe, expect, it } from 'vitest';
import { fetchingRolesText } from './catalogue-progress';

describe('fetchingRolesText', () => {
  it('says the roles so far and the accounts done of all, grouped by thousands', () => {
    expect(fetchingRolesText({ roles: 1234, accountsDone: 120, accounts: 2000 })).toBe('Fetching roles… 1,234 (120 of 2,000 accounts)');
  });

  it('says only the accounts done while their number is not known yet', () => {
    expect(fetchingRolesText({ roles: 0, accountsDone: 0 })).toBe('Fetching roles… 0 (0 accounts)');
  });
});
