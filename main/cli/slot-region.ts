import { configDirFor } from '../config-dir';
import { findOwner, must } from './owner';

/**
 * The default region of a slot of the RoleTray that owns the configuration directory (its own,
 * its account's or its instance's, as the window shows it); undefined when none is set or no
 * RoleTray runs for the directory.
 */
export async function ownerSlotRegion(configDirFlag: string | undefined, env: NodeJS.ProcessEnv, slot: string): Promise<string | undefined> {
  const owner = await findOwner(configDirFor(configDirFlag, env));
  if (!owner) return undefined;
  try {
    if (owner.owner.kind === 'cli') return undefined;
    return (await must(owner, 'getState')).slots.find((s) => s.name === slot)?.region;
  } finally {
    owner.close();
  }
}
