import type { Result } from '../../../preload/api';
import { fail, ok } from '../../../common/result';
import { describeError, isUserError } from '../../../common/user-error';
import type { Log } from '../../log';

/** What the window and the tray are told of a fault; its details go to the log. */
export const INTERNAL_ERROR = 'Something went wrong inside RoleTray; the log has the details';

export type Attempt = <T>(work: () => Promise<T>) => Promise<Result<T>>;

/**
 * The operations' side of the one error policy: a UserError's message is the answer; any other
 * failure is a fault, logged by name (and described for the log only) and answered generically.
 * So every operation answers a Result and none throws, whether the window, the tray or the CLI asked.
 */
export function attemptWith(log: Log): Attempt {
  return async (work) => {
    try {
      return ok(await work());
    } catch (err) {
      if (isUserError(err)) return fail(err.message);
      log.error('operation failed', { error: (err as Error | null)?.name ?? typeof err, detail: describeError(err) });
      return fail(INTERNAL_ERROR);
    }
  };
}
