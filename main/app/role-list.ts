import type { RoleView } from '../../preload/api';
import type { ProfileNaming } from '../../common/profile-names';
import type { Catalogue } from '../sso/catalogue-fetch';
import { roleView } from './role-view';

/**
 * Every catalogue role as the window shows it, built again only when a catalogue or the naming
 * changes: thousands of roles are not renamed on every call.
 */
export function roleList(catalogues: () => Catalogue[], naming: (startUrl: string) => ProfileNaming, format: () => string): () => RoleView[] {
  let cache: { key: string; roles: RoleView[] } | undefined;
  return () => {
    const all = catalogues();
    // A partial list grows between reports: its length is part of the key.
    const key = `${format()}|${all.map((c) => `${c.startUrl}@${c.fetchedAt}:${c.roles.length}`).join(',')}`;
    if (cache?.key !== key) {
      cache = { key, roles: all.flatMap((c) => c.roles.map((r) => roleView(c.startUrl, r, naming(c.startUrl)))) };
    }
    return cache.roles;
  };
}
