import { describe, expect, it } from 'vitest';
import type { AppState, SsoView } from '../../../preload/api';
import { catalogueSignature } from './catalogue-signature';

const START = 'https://d-123.awsapps.com/start';
function state(sso: Partial<SsoView> = {}, profileNameFormat = '{accountId}:{roleName}', slots: AppState['slots'] = []): AppState {
  return {
    settings: { profileNameFormat },
    sso: [{ startUrl: START, region: 'eu-west-1', signedIn: true, roleCount: 3, catalogFetchedAt: 1_000, ...sso }],
    slots,
  } as AppState;
}

describe('the role list is fetched again', () => {
  const before = catalogueSignature(state());

  it('after a refresh, a sign-in or out, a new role count, or a new profile-name format', () => {
    expect(catalogueSignature(state({ catalogFetchedAt: 2_000 }))).not.toBe(before);
    expect(catalogueSignature(state({ signedIn: false }))).not.toBe(before);
    expect(catalogueSignature(state({ roleCount: 4 }))).not.toBe(before);
    expect(catalogueSignature(state({}, '{accountName}-{roleName}'))).not.toBe(before);
  });

  it('not when something else in the state changes, such as a slot loading', () => {
    const loaded = state({}, '{accountId}:{roleName}', [{ name: '', profileName: 'p', accountId: '111111111111', roleName: 'Admin', expiresAt: 5, source: 'sso', refresh: 'ok' }]);
    expect(catalogueSignature(loaded)).toBe(before);
    expect(catalogueSignature(state({ error: 'sign-in failed', sessionExpiresAt: 9 }))).toBe(before);
  });
});
