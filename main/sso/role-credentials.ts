import { GetRoleCredentialsCommand } from '@aws-sdk/client-sso';
import { UserError } from '../../common/user-error';
import type { Credentials, RoleRef } from '../credentials/types';
import type { ClientsFor } from './clients';
import type { SsoSessions } from './sso-sessions';

export interface RoleCredentialsDeps {
  sessions: SsoSessions;
  clientsFor: ClientsFor;
}

/** IAM Identity Center's answer for a role the person is not assigned, in the words of what they asked for. */
export class NoSuchRoleError extends UserError {
  constructor(role: RoleRef, answer: string) {
    super(`You have no role ${role.roleName} in account ${role.accountId} at ${role.startUrl} (IAM Identity Center answered "${answer}"); the role list shows the roles you can load.`);
    this.name = 'NoSuchRoleError';
  }
}

/** Fresh credentials for a role (GetRoleCredentials; its `expiration` is already epoch ms). */
export async function fetchRoleCredentials(role: RoleRef, deps: RoleCredentialsDeps): Promise<Credentials> {
  const portal = deps.clientsFor(role.region).portal;
  const answer = await deps.sessions
    .withAccessToken(role, (accessToken) => portal.send(new GetRoleCredentialsCommand({ accountId: role.accountId, roleName: role.roleName, accessToken })))
    .catch((err: Error) => {
      // The portal says only "No access" both for an account and for a role the person is not assigned.
      if (err?.name === 'ForbiddenException' || err?.name === 'ResourceNotFoundException') throw new NoSuchRoleError(role, err.message);
      throw err;
    });
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
