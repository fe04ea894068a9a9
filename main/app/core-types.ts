// The types the core's parts share: what the composition root is given (AppCoreDeps), what it
// gives back (AppCore), and the live parts the operations work on (CoreParts). Types only.
import type { Notice, RoleView, TlsView } from '../../preload/api';
import type { ProfileNaming } from '../../common/profile-names';
import type { SignInMethod } from '../../common/sign-in-method';
import type { SsoInstance } from '../../common/sso-instance';
import type { RefreshScheduler, TimerFunctions } from '../credentials/refresh';
import type { Log } from '../log';
import type { TlsMaterial } from '../server/listener';
import type { ServerControl } from '../server/server-control';
import type { CredentialService } from '../server/service';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsStore } from '../settings/settings-store';
import type { Catalogue } from '../sso/catalogue-fetch';
import type { DevicePrompt } from '../sso/device-login';
import type { JsonStore } from '../sso/json-store';
import type { RoleHistory } from '../sso/role-history';
import type { TlsService } from '../tls/tls-service';
import type { TokenService } from '../token/token-service';
import type { ChainParts } from './chain-parts';
import type { AppFacade } from './ipc-door';
import type { SignInState } from './sign-in-state';
import type { SsoParts } from './sso-parts';

export interface AppCoreDeps {
  /** Where the app keeps its non-secret files (catalogue cache, exported CA). */
  configDir: string;
  secrets: SecretStore;
  /** False when the OS offers no encryption: the secret store then refuses every write. */
  secretsAvailable: boolean;
  /** Why secrets are unavailable, when it is not that the OS offers no encryption (a locked keychain, another kind's secrets). */
  secretsProblem?: string;
  settings: SettingsStore;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  timers?: TimerFunctions;
  /** SSO endpoint override for tests; normally the SDK resolves it (and honours AWS_ENDPOINT_URL_SSO*). */
  ssoEndpoint?: string;
  /** STS endpoint override for tests; normally the SDK resolves it (and honours AWS_ENDPOINT_URL_STS). */
  stsEndpoint?: string;
  /** IAM endpoint override for tests; normally the SDK resolves it (and honours AWS_ENDPOINT_URL_IAM). */
  iamEndpoint?: string;
  /** Listen on this port instead of the setting (headless --port, tests' 0). */
  port?: number;
  /** This run's command-line choices (headless serve); they win over the saved ones without changing them. */
  overrides?: {
    token?: string;
    /** Serve without a bearer token for this run (`serve --no-token`); announced like the `auth: 'none'` setting. */
    noToken?: boolean;
    /** The certificate pair from --tls-cert/--tls-key files. */
    tls?: TlsMaterial;
    /** What clients trust for that pair (the --tls-cert file). */
    caFile?: string;
    disableTls?: boolean;
    /** An extra listen address for containers (in effect only with TLS and a token). */
    containerAddress?: string;
  };
  /** The AWS config file whose SSO profile names the roles keep (the composition root passes ~/.aws/config). */
  awsConfigFile?: string;
  /** Called with each device sign-in prompt (the app opens the browser; the CLI prints it). */
  onSignInPrompt?: (prompt: DevicePrompt) => void;
  /**
   * How a sign-in runs when its caller does not choose: the composition root decides from where
   * it runs (chooseSignInMethod). Unset, a device code, which needs no browser here. A browser
   * sign-in opens its page with `openExternal`.
   */
  signInMethod?: SignInMethod;
  openExternal: (url: string) => Promise<void>;
  /** Federation endpoint override for console sign-in (ROLETRAY_FEDERATION_URL; tests use a stand-in). */
  federationUrl?: string;
  jsonStore?: JsonStore;
  /**
   * The `roletray` command the printed lines call: the installed app passes the absolute path of
   * the command-line executable it ships; omitted, `roletray` from the PATH.
   */
  cliCommand?: string;
  /**
   * The environment the window's environment check looks at: the app's own, which programs
   * started from the desktop inherit (the composition root passes process.env).
   */
  env?: NodeJS.ProcessEnv;
  log: Log;
}

export interface AppCore extends AppFacade {
  readonly service: CredentialService;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** After sleep or a screen unlock: timers did not count the time asleep, so refresh what is due now. */
  wake(): void;
  /** Tells the person something in the window's notices (and the log, for errors): the shell's alerts and failures. */
  notice(level: Notice['level'], message: string): void;
}

/** Live pieces the operations work on; built once by `createAppCore`. */
export interface CoreParts {
  deps: AppCoreDeps;
  now: () => number;
  service: CredentialService;
  control: ServerControl;
  tokens: TokenService;
  tls: TlsService;
  /** IAM Identity Center, loaded on first use. */
  sso(): Promise<SsoParts>;
  /** Chained roles, IAM users and MFA prompts (STS itself is loaded on first use). */
  chains: ChainParts;
  history: () => RoleHistory;
  refresh: RefreshScheduler;
  caFile: string;
  /** The file https clients must trust now; undefined while the server speaks http. */
  trustFile(): string | undefined;
  /** Mutable view state the snapshot is built from. */
  view: CoreView;
  signIns: SignInState;
  /** The role-list fetches under way, by start URL: a load by profile name waits for a first one. */
  catalogueFetches: Map<string, Promise<void>>;
  /** An instance's role list when it is complete (not the partial list of a first fetch under way). */
  completeCatalogue(startUrl: string): Catalogue | undefined;
  /** Whether every configured instance's complete role list is in (and one is configured). */
  rolesListed(): boolean;
  /** Every catalogue role as the window shows it, cached per catalogue and naming. */
  roles(): RoleView[];
  log: Log;
  changed(): void;
  notify(level: Notice['level'], message: string): void;
  instanceOf(startUrl: string): SsoInstance | undefined;
  /** How roles of an instance are named: AWS config profile names first, then the format setting. */
  naming(startUrl: string): ProfileNaming;
  catalogues(): Catalogue[];
  refreshTlsView(): Promise<void>;
  refreshSsoStatus(startUrl?: string): Promise<void>;
}

/** The mutable view state the snapshot is built from (the sign-in state has its own home). */
export interface CoreView {
  tls: TlsView;
  catalogues: Map<string, Catalogue>;
  notices: Notice[];
}
