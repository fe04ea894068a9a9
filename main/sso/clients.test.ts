import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../secrets/secret-store';
import { clientsByRegion } from './clients';
import { fetchRoleCredentials } from './role-credentials';
import { RoleCatalogue } from './role-catalogue';
import { MemoryJsonStore } from './json-store';
import { SsoSessions } from './sso-sessions';
import { TokenCache } from './token-cache';
import { isolateAwsEnvironment, startSsoStandin, type SsoStandin } from '../../test-support/sso-standin';

/**
 * Users behind special endpoints set AWS_ENDPOINT_URL_SSO / AWS_ENDPOINT_URL_SSO_OIDC: with no
 * endpoint given, both real clients must follow them. This file alone sets them (Vitest gives
 * each file its own process), and puts the environment back afterwards.
 */

describe('the real SSO clients with no endpoint given', () => {
  // One fake clock for the stand-in and the client, so device-flow polling takes no real time.
  let clock = Date.now();
  const now = () => clock;
  let standin: SsoStandin;
  let restoreEnv: () => void;
  beforeAll(async () => {
    standin = await startSsoStandin({ accounts: 2, rolesPerAccount: 2, now });
    restoreEnv = isolateAwsEnvironment({ AWS_ENDPOINT_URL_SSO: standin.url, AWS_ENDPOINT_URL_SSO_OIDC: standin.url });
  });
  afterAll(async () => {
    restoreEnv();
    await standin.close();
  });

  it('signs in, lists roles and gets credentials through the AWS_ENDPOINT_URL_SSO* variables alone, with no AWS credentials anywhere', async () => {
    const clientsFor = clientsByRegion(); // no endpoint: the SDK's own resolution
    const sessions = new SsoSessions({
      cache: new TokenCache(new MemorySecretStore()),
      clientsFor,
      now,
      sleep: async (ms) => void (clock += ms),
    });
    const instance = { startUrl: standin.startUrl, region: standin.region };
    await sessions.signIn(instance, () => undefined);
    const catalogue = await new RoleCatalogue({ sessions, clientsFor, store: new MemoryJsonStore(), now, sleep: async () => undefined }).refresh(instance);
    expect(catalogue.roles).toHaveLength(4);
    const role = catalogue.roles[0]!;
    const credentials = await fetchRoleCredentials({ ...instance, accountId: role.accountId, roleName: role.roleName }, { sessions, clientsFor });
    expect(credentials.accessKeyId).toBe(standin.stats.issuedCredentials[0]!.accessKeyId);
    expect(standin.stats.requests['POST /client/register']).toBe(1);
    expect(standin.stats.requests['GET /federation/credentials']).toBe(1);
    expect(process.env.AWS_ACCESS_KEY_ID).toBeUndefined();
  });
});
