import type { RoleView } from '../../preload/api';
import { profileNameOf, type ProfileNaming } from '../../common/profile-names';
import { roleKeyOf } from '../../common/role-key';

/** A catalogue role as the window and the tray show it. */
export function roleView(startUrl: string, role: { accountId: string; accountName: string; roleName: string }, naming: ProfileNaming): RoleView {
  const named = { startUrl, ...role };
  return {
    key: roleKeyOf(named),
    startUrl,
    accountId: role.accountId,
    accountName: role.accountName,
    roleName: role.roleName,
    profileName: profileNameOf(named, naming),
  };
}
