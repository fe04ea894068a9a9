import type { SecretStore } from '../secrets/secret-store';

/** An OIDC client registration; `clientSecretExpiresAt` is epoch seconds, as the API says. */
export interface ClientRegistration {
  region: string;
  clientId: string;
  clientSecret: string;
  clientSecretExpiresAt: number;
  /** Whether it was registered for the refresh_token grant. */
  refreshGrant: boolean;
}

/** An SSO session token; `expiresAt` is epoch milliseconds. */
export interface SsoToken {
  startUrl: string;
  region: string;
  accessToken: string;
  expiresAt: number;
  refreshToken?: string;
}

/**
 * SSO registrations and tokens, kept only in the secret store (PROTOCOL.md: SSO tokens are
 * secrets), one entry each per start URL so several instances live side by side.
 */
export class TokenCache {
  constructor(private readonly secrets: SecretStore) {}

  registration(startUrl: string): Promise<ClientRegistration | undefined> {
    return this.read<ClientRegistration>(`sso-registration:${startUrl}`);
  }

  saveRegistration(startUrl: string, registration: ClientRegistration): Promise<void> {
    return this.secrets.set(`sso-registration:${startUrl}`, JSON.stringify(registration));
  }

  token(startUrl: string): Promise<SsoToken | undefined> {
    return this.read<SsoToken>(`sso-token:${startUrl}`);
  }

  saveToken(token: SsoToken): Promise<void> {
    return this.secrets.set(`sso-token:${token.startUrl}`, JSON.stringify(token));
  }

  deleteToken(startUrl: string): Promise<void> {
    return this.secrets.delete(`sso-token:${startUrl}`);
  }

  private async read<T>(name: string): Promise<T | undefined> {
    const text = await this.secrets.get(name);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as T;
    } catch {
      // A damaged entry is as good as none: the user signs in again.
      return undefined;
    }
  }
}
