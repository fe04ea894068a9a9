import { expandHome, homeOf } from '../config-dir';

/** A path given to a flag (`--token-file ~/t`), absolute, with `~` expanded or refused. */
export function expandPath(flag: string, value: string, env: NodeJS.ProcessEnv): string {
  return expandHome(flag, value, homeOf(env));
}
