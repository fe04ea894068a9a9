import { describe, expect, it } from 'vitest';
import type { RoleView } from '../../../preload/api';
import { accountNames } from './account-names';

const role = (accountId: string, accountName: string): RoleView => ({ key: `s|${accountId}|R`, startUrl: 's', accountId, accountName, roleName: 'R', profileName: `${accountId}:R` });

describe('accountNames', () => {
  it('names each account once, from whichever list knows it first', () => {
    const names = accountNames([role('111111111111', 'Payments')], [role('111111111111', 'old name'), role('222222222222', 'Ledger')]);
    expect(names.get('111111111111')).toBe('Payments');
    expect(names.get('222222222222')).toBe('Ledger');
    expect(names.get('333333333333')).toBeUndefined();
  });
});
