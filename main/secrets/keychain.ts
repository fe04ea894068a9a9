import type { AsyncEntry } from '@napi-rs/keyring';

/** The part of @napi-rs/keyring's entry RoleTray uses: one password per configuration directory. */
export type KeychainEntry = Pick<AsyncEntry, 'getPassword' | 'setPassword'>;

/** Opens the entry for `account`; throws when no keychain answers (the reason is its message). */
export type Keychain = (account: string) => KeychainEntry;

export const KEYCHAIN_SERVICE = 'RoleTray';

/**
 * The OS keychain through @napi-rs/keyring: the macOS Keychain, the Windows Credential Manager,
 * or the Secret Service on Linux (gnome-keyring, KWallet). Linux is pinned to the Secret Service:
 * the kernel keyring the binding would fall back to forgets everything at reboot, and the key
 * with it. Loaded only when asked for, so a build without the native binding (the single-file
 * executable) still runs: it gets the reason instead.
 */
export async function osKeychain(): Promise<Keychain | { unavailable: string }> {
  try {
    const { AsyncEntry: Entry } = await import('@napi-rs/keyring');
    return (account) => new Entry(KEYCHAIN_SERVICE, account, { linux: { store: 'secret-service' } });
  } catch (err) {
    return { unavailable: `the keychain binding did not load (${(err as Error).message})` };
  }
}
