import type { AppState, RoleTrayApi } from '../../../preload/api';
import { useOperation } from '../ui/use-operation';

/** The chains and IAM users in the tray's Pinned list, by profile name. */
export function pinnedProfiles(state: AppState): ReadonlySet<string> {
  return new Set(state.history.pinned.flatMap((e) => (e.kind === 'role' ? [] : [e.profileName])));
}

/** Pinning a chain or an IAM user to the tray (where a click loads it into the default slot), or taking it off, with the outcome for its status line. */
export function useProfilePin(api: RoleTrayApi) {
  const op = useOperation();
  const toggle = (profile: string, pinned: boolean) =>
    op.run(() => api.setPinned({ profile, pinned: !pinned }), pinned ? `Unpinned ${profile} from the tray` : `Pinned ${profile} to the tray`);
  return { op, toggle };
}
