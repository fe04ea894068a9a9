import type { SecretStore } from '../secrets/secret-store';

/** How the person approved the sign-in: each is its own client registration, with its own grants. */
export type SignInFlow = 'device' | 'pkce';

/** An OIDC client registration; `clientSecretExpiresAt` is epoch seconds, as the API says. */
export interface ClientRegistration {
  region: string;
  clientId: string;
  clientSecret: string;
  clientSecretExpiresAt: number;
  /** Whether it was registered for the refresh_token grant. */
  refreshGrant: boolean;
}

/** An SSO session token; times are epoch milliseconds. */
export interface SsoToken {
  startUrl: string;
  region: string;
  accessToken: string;
  /** When the access token expires (a refresh token renews it until the session ends). */
  expiresAt: number;
  refreshToken?: string;
  /** The registration that holds the refresh grant; tokens saved before PKCE came from the device one. */
  flow?: SignInFlow;
  /** The longest access-token lifetime the service granted in this session: a shorter one was cut at the session's end. */
  grantedMs?: number;
  /** When the IAM Identity Center session ends, once the service has shown it. */
  sessionEndsAt?: number;
}

// The device registration keeps the name it had before there were two, so saved sessions still renew.
const registrationKey = (startUrl: string, flow: SignInFlow) => (flow === 'device' ? `sso-registration:${startUrl}` : `sso-registration-${flow}:${startUrl}`);

/**
 * SSO registrations and tokens, kept only in the secret store (PROTOCOL.md: SSO tokens are
 * secrets), one entry each per start URL so several instances live side by side.
 */
export class TokenCache {
  constructor(private readonly secrets: SecretStore) {}

  registration(startUrl: string, flow: SignInFlow = 'device'): Promise<ClientRegistration | undefined> {
    return this.read<ClientRegistration>(registrationKey(startUrl, flow));
  }

  saveRegistration(startUrl: string, registration: ClientRegistration, flow: SignInFlow = 'device'): Promise<void> {
    return this.secrets.set(registrationKey(startUrl, flow), JSON.stringify(registration));
  }

  deleteRegistration(startUrl: string, flow: SignInFlow): Promise<void> {
    return this.secrets.delete(registrationKey(startUrl, flow));
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
