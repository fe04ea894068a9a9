/**
 * The one contract between the window and the main process: every operation the renderer may
 * ask for, its argument and its result, and the channel it travels on. main/electron registers a
 * handler per entry; preload/index.ts exposes one named function per entry; the renderer imports
 * only the types. The dev bridge serves the same table over loopback for browser tests.
 */
import type { ServerStatus } from '../main/server/credential-server';
import type { Shell } from '../main/server/env-lines';
import type { Settings, Theme } from '../main/settings/schema';
import type { CertificateInfo } from '../main/tls/check-pair';
import type { CatalogueProgressCounts } from '../common/catalogue-progress';
import type { Result } from '../common/result';
import type { SignInMethod } from '../common/sign-in-method';
import type { RefreshState, SsoInstance } from '../common/sso-instance';
import type { AssumeRoleDefinition } from '../common/sts-rules';

// The contract's own vocabulary, for the window: it imports these from here, never from main/.
export type { AssumeRoleDefinition, RefreshState, Result, Settings, Shell, SignInMethod, SsoInstance, Theme };

/** How a slot's credentials were made. */
export type SlotSourceKind = 'sso' | 'pushed' | 'assumed' | 'iam-user';

export interface SlotView {
  /** '' is the default slot. */
  name: string;
  profileName: string;
  accountId: string;
  roleName: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  source: SlotSourceKind;
  /** For 'assumed' and 'iam-user' slots: each step from the root to this slot, for a person, e.g.
   *  ["IAM Identity Center 111111111111/Admin (dev-admin)", "AssumeRole arn:aws:iam::222222222222:role/Deploy"]. */
  chain?: string[];
  refresh: RefreshState;
  /** The catalogue role it came from, when loaded from IAM Identity Center. */
  roleKey?: string;
  /** The default region set for it (its own, its account's or its instance's): AWS_REGION in its lines. */
  region?: string;
}

export interface ServerView extends ServerStatus {
  tokenFile: string | null;
  /** The exported CA file, for AWS_CA_BUNDLE / NODE_EXTRA_CA_CERTS. */
  caFile?: string;
}

export interface TlsView {
  saved: boolean;
  disabled: boolean;
  info?: CertificateInfo;
  warnings: string[];
}

export interface SignInPrompt {
  userCode: string;
  verificationUri: string;
  expiresAt: number;
}

export interface SsoView {
  startUrl: string;
  region: string;
  signedIn: boolean;
  /** When the IAM Identity Center session ends (epoch ms), once known; for a session nothing renews, its token's expiry. */
  sessionExpiresAt?: number;
  /** A refresh token renews the session, without asking, until it ends. */
  renews?: boolean;
  /** 'ending' from the first warning before the session ends (common/session-warning.ts), 'ended' after: time to sign in. */
  sessionWarning?: 'ending' | 'ended';
  /** When the complete role list was fetched; absent while the only list is the partial one of a first fetch. */
  catalogFetchedAt?: number;
  roleCount: number;
  /**
   * While a role list is being fetched: the roles so far and the accounts whose roles are all in
   * (`accounts` once every page of accounts is). On a first fetch the roles so far are the list
   * (`roleCount`); a refresh keeps the complete list until the new one is complete.
   */
  catalogueProgress?: CatalogueProgressView;
  /** While a device sign-in waits for the user. */
  signIn?: SignInPrompt;
  /** While a browser sign-in (PKCE) waits for the user: its page, to open again if no browser opened, and why none did. */
  browserSignIn?: { url: string; expiresAt: number; openError?: string };
  error?: string;
}

export type CatalogueProgressView = CatalogueProgressCounts;

/** A sign-in to an instance; without `method`, a browser here where there is one, else a device code. */
export interface SignInRequest extends SsoInstance {
  method?: SignInMethod;
}

export interface RoleView {
  /** Stable id: `<startUrl>|<accountId>|<roleName>`. */
  key: string;
  startUrl: string;
  accountId: string;
  accountName: string;
  roleName: string;
  profileName: string;
}

/** A role in the Recent or Pinned list. */
export interface RoleEntryView extends RoleView {
  kind: 'role';
}

/**
 * A chained profile or an IAM user in the Recent or Pinned list, as `chains` and `iamUsers` show it
 * now; one removed is not listed. Loaded by its profile name (`loadProfile`).
 */
export type ProfileEntryView =
  | { kind: 'chain'; profileName: string; roleArn: string; via: string; problem?: string }
  | { kind: 'iam-user'; profileName: string; mfaSerial?: string };

export type HistoryEntryView = RoleEntryView | ProfileEntryView;

/** Which entry to pin or unpin: a catalogue role by its key, or a chain or IAM user by its profile name. */
export type PinRequest = ({ roleKey: string } | { profile: string }) & { pinned: boolean };

export interface Notice {
  id: string;
  level: 'error' | 'warning' | 'info';
  message: string;
  at: number;
}

/** A chained profile the person can load: defined in RoleTray (saved), or read from ~/.aws/config (read-only). */
export interface ChainView extends AssumeRoleDefinition {
  origin: 'roletray' | 'aws-config';
  /** The IAM Identity Center instance the chain starts in, when its root is a role there (its region defaults follow it). */
  startUrl?: string;
  /** Why it cannot be loaded as written (a loop, a missing source), in the person's words. */
  problem?: string;
}

/** An IAM user whose long-term keys RoleTray keeps (in the secret store only). No secret is ever in it. */
export interface IamUserView {
  name: string;
  /** The access key id with all but its first 4 and last 4 characters hidden (AKIA…WXYZ). */
  accessKeyHint: string;
  mfaSerial?: string;
  region?: string;
  /** When the cached (MFA) session from GetSessionToken ends, while there is one. */
  sessionExpiresAt?: number;
}

export interface IamUserRequest {
  name: string;
  accessKeyId: string;
  secretAccessKey: string;
  mfaSerial?: string;
  region?: string;
}

/** What a rotation did: the new key in use, the old one deleted in IAM (both hinted, as the snapshot shows keys). */
export interface RotatedKey {
  name: string;
  accessKeyHint: string;
  replacedKeyHint: string;
}

/** RoleTray waits for an MFA code: for a load the person asked for, or to keep a loaded slot fresh. */
export interface MfaPromptView {
  id: string;
  mfaSerial: string;
  /** The profile the code is for (the IAM user or chain that needs it). */
  profileName: string;
  /** What it is for, for a person: "to load Deploy (arn:aws:iam::222222222222:role/Deploy)". */
  reason: string;
  expiresAt: number;
}

/** The read-only snapshot main pushes to the window and the tray. No secret is ever in it. */
export interface AppState {
  version: string;
  server: ServerView;
  tls: TlsView;
  slots: SlotView[];
  sso: SsoView[];
  /** The roles of `history`: most recent first (the role picker ranks pinned and recent roles first). */
  recents: RoleView[];
  pinned: RoleView[];
  /** Roles, chains and IAM users together, most recent first: what the tray offers for a two-click switch. */
  history: { recents: HistoryEntryView[]; pinned: HistoryEntryView[] };
  settings: Settings;
  notices: Notice[];
  /** False when the OS offers no encryption: secrets are then not stored at all. */
  secretsAvailable: boolean;
  chains: ChainView[];
  iamUsers: IamUserView[];
  mfaPrompts: MfaPromptView[];
}

/** What writing the AWS profiles did (or would do, for a preview). */
export interface ProfilesReport {
  file: string;
  written: boolean;
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: string[];
  /** Profiles of roles that no longer exist, kept until a write with `prune`. */
  stale: string[];
  /** Names a profile outside RoleTray's block already has: left alone. */
  collisions: string[];
  skipped: { name: string; reason: string }[];
  /** The change as a unified diff; '' when there is none. */
  diff: string;
}

/** One thing that stops an SDK from using RoleTray, and its fix. */
export interface DoctorFinding {
  id: string;
  problem: string;
  fix: string;
}

export interface LoadRoleRequest {
  roleKey: string;
  /** Named slot to load into; omitted = the default slot; `true` for `slotted` = the profile name. */
  slot?: string;
  slotted?: boolean;
  /** The name to load it as (the command line's `-p NAME`); omitted = the role's own profile name. */
  profileName?: string;
}

export interface LoadProfileRequest {
  /** A chained profile (RoleTray's or ~/.aws/config's role_arn + source_profile) or an IAM user's name. */
  profile: string;
  slot?: string;
  slotted?: boolean;
  /** The name to load it as; omitted = the profile's own name. */
  profileName?: string;
}

export interface LoadAssumedRequest {
  definition: AssumeRoleDefinition;
  slot?: string;
  slotted?: boolean;
  /** Also keep the definition as a RoleTray chain (the window's "Assume a role from this one…" does). */
  save?: boolean;
}

/** Credentials in the PUT body's shape (docs/protocol.md), checked by the same rules as a PUT. */
export interface LoadCredentialsRequest {
  /** '' is the default slot. */
  slot: string;
  body: { ProfileName?: string; Creds: Record<string, unknown> };
}

/** What a program needs to read one slot from the server: where, the token to send, the CA to trust. */
export interface SlotAccess {
  url: string;
  token?: string;
  caFile?: string;
}

/** Every operation: `[argument, result]`. `void` argument = none. */
export interface Operations {
  getState: [void, AppState];
  listRoles: [void, RoleView[]];
  /** A sign-in while one is waiting for the same instance shows that one again instead of starting over. */
  signIn: [SignInRequest, void];
  cancelSignIn: [string, void];
  signOut: [string, void];
  refreshCatalog: [void, void];
  loadRole: [LoadRoleRequest, { slot: string; profileName: string }];
  /** Pushed credentials (a file, AWS_* variables): served until they expire, never refreshed. */
  loadCredentials: [LoadCredentialsRequest, { slot: string; profileName: string }];
  unload: [string, void];
  unloadAll: [void, void];
  setPinned: [PinRequest, void];
  generateToken: [void, void];
  setToken: [string, void];
  revealToken: [void, string];
  deleteToken: [void, void];
  setTokenFile: [string | null, void];
  saveTls: [{ cert: string; key: string }, { warnings: string[] }];
  generateTls: [void, void];
  exportCa: [void, { pem: string; path?: string }];
  deleteTls: [void, void];
  setTlsDisabled: [boolean, void];
  updateSettings: [Partial<Omit<Settings, 'version'>>, Settings];
  /** The token's value is in the lines only with `revealToken` (a deliberate copy); otherwise a placeholder. */
  /** `container`: the lines for a container on this machine (https://host.docker.internal:<port>/). */
  envLines: [{ shell: Shell; slot?: string; revealToken?: boolean; container?: boolean }, string[]];
  /** The ~/.aws/config lines that take a named slot's role through `credential_process`. */
  credentialProcessLines: [string, string[]];
  /** For a program run with a slot's credentials (`roletray exec`): the slot's URL, a token and the CA. */
  slotAccess: [string, SlotAccess];
  openExternal: [string, void];
  /** Opens the AWS console signed in as a loaded slot, or as a catalogue role (fetched, not loaded). */
  openConsole: [{ slot: string } | { roleKey: string }, void];
  dismissNotice: [string, void];
  /** Writes (or, with dryRun, shows) a profile per role into the AWS config file: `roletray setup profiles`. */
  writeAwsProfiles: [{ prune: boolean; prefix?: string; dryRun?: boolean }, ProfilesReport];
  /** What would stop programs started from the desktop from using RoleTray: `roletray doctor` for the app's environment. */
  runDoctor: [void, DoctorFinding[]];
  /** Loads a chained profile (RoleTray's or ~/.aws/config's), an IAM user's session, or an SSO profile, walking its chain. */
  loadProfile: [LoadProfileRequest, { slot: string; profileName: string }];
  loadAssumed: [LoadAssumedRequest, { slot: string; profileName: string }];
  saveChain: [AssumeRoleDefinition, void];
  removeChain: [string, void];
  addIamUser: [IamUserRequest, void];
  removeIamUser: [string, void];
  /** Rotates an IAM user's access key (CreateAccessKey, then DeleteAccessKey of the old one with the new), asking for MFA codes as a load does. */
  rotateIamUser: [string, RotatedKey];
  /** Answers a waiting MFA prompt; a wrong code fails the load (or refresh) that asked, with nothing stored. */
  answerMfa: [{ id: string; code: string }, void];
  cancelMfa: [string, void];
}

export type OperationName = keyof Operations;
export type Arg<K extends OperationName> = Operations[K][0];
export type Ret<K extends OperationName> = Operations[K][1];

export const OPERATION_NAMES = [
  'getState',
  'listRoles',
  'signIn',
  'cancelSignIn',
  'signOut',
  'refreshCatalog',
  'loadRole',
  'loadCredentials',
  'unload',
  'unloadAll',
  'setPinned',
  'generateToken',
  'setToken',
  'revealToken',
  'deleteToken',
  'setTokenFile',
  'saveTls',
  'generateTls',
  'exportCa',
  'deleteTls',
  'setTlsDisabled',
  'updateSettings',
  'envLines',
  'credentialProcessLines',
  'slotAccess',
  'openExternal',
  'openConsole',
  'dismissNotice',
  'writeAwsProfiles',
  'runDoctor',
  'loadProfile',
  'loadAssumed',
  'saveChain',
  'removeChain',
  'addIamUser',
  'removeIamUser',
  'rotateIamUser',
  'answerMfa',
  'cancelMfa',
] as const satisfies readonly OperationName[];

// Fails to compile when an operation is missing from the list above.
const listsEveryOperation: Exclude<OperationName, (typeof OPERATION_NAMES)[number]> extends never ? true : never = true;
void listsEveryOperation;

export function channelOf(name: OperationName): string {
  return `roletray:${name}`;
}

/** Main → window: a new AppState. */
export const STATE_CHANNEL = 'roletray:state';

/** What the window sees as `window.roletray`. */
export type RoleTrayApi = {
  [K in OperationName]: Arg<K> extends void ? () => Promise<Result<Ret<K>>> : (arg: Arg<K>) => Promise<Result<Ret<K>>>;
} & {
  onState(listener: (state: AppState) => void): () => void;
};
