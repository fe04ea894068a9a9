import { DEFAULT_PORT } from '../../common/limits';
import { DEFAULT_PROFILE_FORMAT } from '../../common/profile-names';
import { noRegionDefaults, type RegionDefaults } from '../../common/region-choice';
import type { SsoInstance } from '../../common/sso-instance';
import type { AssumeRoleDefinition } from '../../common/sts-rules';
import type { ContainerAccess } from '../server/container-access';

export type Theme = 'system' | 'light' | 'dark';

/** Whether the credential server requires a bearer token: `none` is a person's explicit choice, announced at every start. */
export type AuthMode = 'token' | 'none';


/** An IAM user RoleTray keeps: the non-secret parts. Its access keys are in the secret store only. */
export interface IamUserSettings {
  name: string;
  /** The access key id with all but its first and last 4 characters hidden. */
  accessKeyHint: string;
  /** Learnt from STS (GetCallerIdentity) when the user was added. */
  accountId: string;
  arn: string;
  mfaSerial?: string;
  region?: string;
}

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
  /** Roles assumed through STS, defined in RoleTray (~/.aws/config's role_arn profiles are read, not kept here). */
  chains: AssumeRoleDefinition[];
  iamUsers: IamUserSettings[];
}

export type SettingsField = Exclude<keyof Settings, 'version'>;

export const SETTINGS_VERSION = 3;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  version: SETTINGS_VERSION,
  port: DEFAULT_PORT,
  tlsDisabled: false,
  profileNameFormat: DEFAULT_PROFILE_FORMAT,
  notifications: true,
  startAtLogin: false,
  theme: 'system',
  ssoInstances: [],
  // Docker's default bridge gateway on Linux; Docker Desktop users change it to what they use.
  containerAccess: { enabled: false, address: '172.17.0.1' },
  auth: 'token',
  tokenFile: null,
  regions: noRegionDefaults(),
  switchWithinMinutes: 5,
  chains: [],
  iamUsers: [],
});

export function defaultSettings(): Settings {
  return structuredClone(DEFAULT_SETTINGS) as Settings;
}
