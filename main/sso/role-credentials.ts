import { GetRoleCredentialsCommand } from '@aws-sdk/client-sso';
import type { Credentials, RoleRef } from '../credentials/types';
import type { ClientsFor } from './clients';
import type { SsoSessions } from './sso-sessions';

export interface RoleCredentialsDeps {
  sessions: SsoSessions;
  clientsFor: ClientsFor;
}

/** Fresh credentials for a role (GetRoleCredentials; its `expiration` is already epoch ms). */
export async function fetchRoleCredentials(role: RoleRef, deps: RoleCredentialsDeps): Promise<Credentials> {
  const portal = deps.clientsFor(role.region).portal;
  const answer = await deps.sessions.withAccessToken(role, (accessToken) =>
    portal.send(new GetRoleCredentialsCommand({ accountId: role.accountId, roleName: role.roleName, accessToken })),
  );
  const c = answer.roleCredentials;
  if (!c?.accessKeyId || !c.secretAccessKey || !c.sessionToken || typeof c.expiration !== 'number') {
    throw new Error(`GetRoleCredentials for ${role.accountId}:${role.roleName} answered without complete credentials`);
  }
  return {
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    sessionToken: c.sessionToken,
    expiration: c.expiration,
    accountId: role.accountId,
    roleName: role.roleName,
  };
}
