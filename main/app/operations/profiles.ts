import { UserError } from '../../../common/user-error';
import { awsCredentialsPath, writeProfiles } from '../../profiles/aws-config-file';
import { chainProfileRoles, profileEntries } from '../../profiles/profile-entries';
import type { CoreParts } from '../core-types';
import type { OperationHandlers } from '../ipc-door';
import type { Attempt } from './attempt';

type ProfileOperations = Pick<OperationHandlers, 'writeAwsProfiles'>;

/** The window's "Write AWS profiles": `roletray setup profiles` for the roles the app lists, calling the command-line tool it ships. */
export function profileOperations(p: CoreParts, attempt: Attempt): ProfileOperations {
  return {
    writeAwsProfiles: ({ prune, prefix, dryRun }) =>
      attempt(async () => {
        const command = p.deps.cliCommand;
        if (!command) throw new UserError('This RoleTray ships no command-line tool for ~/.aws/config to call: run `roletray setup profiles` in a terminal instead.');
        const file = p.deps.awsConfigFile;
        if (!file) throw new UserError('This RoleTray was started without an AWS config file to write.');
        // The app's directory, named: a bare `roletray` may find another one (ROLETRAY_CONFIG_DIR).
        const { entries, skipped } = profileEntries([...p.roles(), ...chainProfileRoles(p.chains.chainViews())], { command: [command], ...(prefix ? { prefix } : {}), configDir: p.deps.configDir, regions: p.deps.settings.get().regions });
        const w = await writeProfiles(file, entries, { prune, dryRun: dryRun === true, credentialsFile: awsCredentialsPath(p.deps.env ?? {}) });
        const { written, added, updated, removed, unchanged, stale, collisions, diff } = w;
        return { file, written, added, updated, removed, unchanged, stale, collisions, skipped, diff };
      }),
  };
}
