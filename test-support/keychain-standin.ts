import type { AsyncEntry } from '@napi-rs/keyring';
import type { Keychain } from '../main/secrets/keychain';

/**
 * An OS keychain that answers, at the @napi-rs/keyring boundary: entries typed against the
 * package's own AsyncEntry, keeping passwords in a map (service RoleTray, account = directory).
 * `fail` makes every call reject, as a locked or stopped keychain does.
 */
export function keychainStandin() {
  const passwords = new Map<string, string>();
  const calls: string[] = [];
  const state = { fail: undefined as string | undefined };
  const check = (what: string, account: string) => {
    calls.push(`${what} ${account}`);
    if (state.fail) throw new Error(state.fail);
  };
  const keychain: Keychain = (account) =>
    ({
      async getPassword() {
        check('get', account);
        return passwords.get(account) ?? null;
      },
      async setPassword(password: string) {
        check('set', account);
        passwords.set(account, password);
      },
    }) satisfies Pick<AsyncEntry, 'getPassword' | 'setPassword'>;
  return { keychain, passwords, calls, state, open: async () => keychain };
}
