import type { RoleTrayApi } from '../../../preload/api';
import { useOperation } from '../ui/use-operation';

/** Loading a chain or an IAM user by its profile name, with the outcome for the status line beside its button. */
export function useProfileLoad(api: RoleTrayApi) {
  const op = useOperation();
  const load = (profile: string, where: { slotted?: boolean; slot?: string } = {}) =>
    op.run(
      () => api.loadProfile({ profile, ...where }),
      (v) => `Loaded ${v.profileName} into ${v.slot ? `slot “${v.slot}”` : 'the default slot'}`,
    );
  return { op, load };
}
