// main/secrets: where secrets live: the SecretStore interface, the encrypted file store and its
// ciphers (safeStorage in the app; headless, the OS keychain through @napi-rs/keyring or a key file), and
// the ownership checks. It may import node, common/ and @napi-rs/keyring only.
/**
 * Named secrets (bearer token, TLS key, loaded credentials, SSO tokens). Core code sees only this;
 * the app backs it with Electron safeStorage, headless use with an encrypted file store, tests
 * with the in-memory one. Implementations refuse to store rather than store in clear.
 */
export interface SecretStore {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();

  async get(name: string): Promise<string | undefined> {
    return this.values.get(name);
  }

  async set(name: string, value: string): Promise<void> {
    this.values.set(name, value);
  }

  async delete(name: string): Promise<void> {
    this.values.delete(name);
  }
}
