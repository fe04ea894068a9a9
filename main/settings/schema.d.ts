import { type RegionDefaults } from '../../common/region-choice';
import type { SsoInstance } from '../../common/sso-instance';
import type { ContainerAccess } from '../server/container-access';
export type Theme = 'system' | 'light' | 'dark';
/** Whether the credential server requires a bearer token: `none` is a person's explicit choice, announced at every start. */
export type AuthMode = 'token' | 'none';
/** Everything a user can set. Secrets never live here (see secrets/). */
export interface Settings {
    version: number;
    port: number;
    /** Serve http even though a certificate is saved (kept, not deleted). */
    tlsDisabled: boolean;
    /** How profile names are built; `{accountId}`, `{accountName}`, `{roleName}` are replaced. */
    profileNameFormat: string;
    notifications: boolean;
    startAtLogin: boolean;
    theme: Theme;
    ssoInstances: SsoInstance[];
    containerAccess: ContainerAccess;
    /** `token` (the default): a token is generated at first start and required; `none`: any local user may read the credentials. */
    auth: AuthMode;
    /**
     * Where to keep a copy of the bearer token for `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`; null
     * for none. A first start that generates the token sets it to `<config dir>/token`.
     */
    tokenFile: string | null;
    /** Default regions per IAM Identity Center instance, account and slot (AWS_REGION in the lines, `exec` and profiles). */
    regions: RegionDefaults;
    /**
     * "Programs follow a role switch within N minutes": reads of the default slot (and of slots
     * whose role was switched) carry an Expiration at most 15 + N minutes ahead; null serves the real one.
     */
    switchWithinMinutes: number | null;
}
export type SettingsField = Exclude<keyof Settings, 'version'>;
export declare const SETTINGS_VERSION = 2;
export declare const DEFAULT_SETTINGS: Readonly<Settings>;
export declare function defaultSettings(): Settings;
