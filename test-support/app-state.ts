import type { AppState, RoleView, SlotView } from '../preload/api';
import { defaultSettings } from '../main/settings/schema';

export const START_URL = 'https://example-sso.awsapps.com/start';

export function role(accountId: string, roleName: string, accountName = `acct-${accountId}`): RoleView {
  return { key: `${START_URL}|${accountId}|${roleName}`, startUrl: START_URL, accountId, accountName, roleName, profileName: `${accountId}:${roleName}` };
}

export function slot(name: string, expiresAt: number, over: Partial<SlotView> = {}): SlotView {
  return { name, profileName: name || '012345678901:Admin', accountId: '012345678901', roleName: 'Admin', expiresAt, source: 'sso', refresh: 'ok', ...over };
}

/** An AppState with a listening server and nothing loaded, for tests to vary. */
export function appState(over: Partial<AppState> = {}): AppState {
  return {
    version: '0.0.0-test',
    server: { listening: true, url: 'http://127.0.0.1:4144/', port: 4144, https: false, auth: true, addresses: ['127.0.0.1'], tokenFile: null },
    tls: { saved: false, disabled: false, warnings: [] },
    slots: [],
    sso: [{ startUrl: START_URL, region: 'eu-west-1', signedIn: true, roleCount: 3 }],
    recents: [],
    pinned: [],
    history: { recents: [], pinned: [] },
    settings: defaultSettings(),
    notices: [],
    secretsAvailable: true,
    chains: [],
    iamUsers: [],
    mfaPrompts: [],
    ...over,
  };
}
