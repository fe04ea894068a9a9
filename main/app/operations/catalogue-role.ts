import { parseRoleKey, type RoleId } from '../../../common/role-key';
import type { SsoInstance } from '../../../common/sso-instance';
import { UserError } from '../../../common/user-error';
import type { CoreParts } from '../core-types';

/** A role key of the window's, with the configured instance it belongs to; a UserError when there is none. */
export function catalogueRole(p: CoreParts, roleKey: string): { role: RoleId; instance: SsoInstance } {
  const role = parseRoleKey(roleKey);
  const instance = role && p.instanceOf(role.startUrl);
  if (!role || !instance) throw new UserError('That role is not in the catalogue of any configured IAM Identity Center instance');
  return { role, instance };
}
