import type { TimerFunctions } from '../credentials/refresh';
import type { RoleRef } from '../credentials/types';
import type { SecretStore } from '../secrets/secret-store';
import { clientsByRegion } from '../sso/clients';
import type { JsonStore } from '../sso/json-store';
import { RoleCatalogue } from '../sso/role-catalogue';
import { fetchRoleCredentials } from '../sso/role-credentials';
import { SessionKeeper } from '../sso/session-keeper';
import { SsoSessions } from '../sso/sso-sessions';
import { TokenCache } from '../sso/token-cache';

export interface SsoPartsDeps {
  secrets: SecretStore;
  store: JsonStore;
  endpoint?: string;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  timers: TimerFunctions;
  /** A session was renewed, or reached a warning moment or its end. */
  onSessionChange: (startUrl: string) => void;
}

/**
 * Everything that talks to IAM Identity Center, built together. The core loads this module only
 * when an instance is configured or an SSO operation runs, so a server that never signs in does not
 * pay for loading the AWS SDK at start.
 */
export function createSsoParts(deps: SsoPartsDeps) {
  const clientsFor = clientsByRegion(deps.endpoint);
  const sessions = new SsoSessions({ cache: new TokenCache(deps.secrets), clientsFor, now: deps.now, sleep: deps.sleep });
  const catalogue = new RoleCatalogue({ sessions, clientsFor, store: deps.store, now: deps.now, sleep: deps.sleep });
  const keeper = new SessionKeeper({ sessions, now: deps.now, ...deps.timers, onChange: deps.onSessionChange });
  return { sessions, catalogue, keeper, fetchRole: (role: RoleRef) => fetchRoleCredentials(role, { sessions, clientsFor }) };
}

export type SsoParts = ReturnType<typeof createSsoParts>;
