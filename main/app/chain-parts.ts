import type { ChainView, IamUserView } from '../../preload/api';
import type { TimerFunctions } from '../credentials/refresh';
import type { Credentials, RoleRef } from '../credentials/types';
import type { Log } from '../log';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsStore } from '../settings/settings-store';
import { importAwsConfig, readAwsConfigText, type ImportedProfile } from '../sso/aws-config-import';
import { chainsFromAwsConfig, type ConfigChain } from '../sts/config-chains';
import { Deriver } from '../sts/derive';
import type { IamCalls } from '../sts/iam-calls';
import { KeyRotation } from '../sts/iam-rotate';
import { IamUsers } from '../sts/iam-users';
import { MfaPrompts } from '../sts/mfa-prompts';
import { runMfaProcess } from '../sts/mfa-process';
import { tryResolve, type ChainSources } from '../sts/resolve';
import type { StsCalls } from '../sts/sts-calls';

export interface ChainPartsDeps extends TimerFunctions {
  secrets: SecretStore;
  secretsAvailable: boolean;
  settings: SettingsStore;
  now: () => number;
  /** STS endpoint override for tests; normally the SDK resolves it (and honours AWS_ENDPOINT_URL_STS). */
  stsEndpoint?: string;
  /** IAM endpoint override for tests; normally the SDK resolves it (and honours AWS_ENDPOINT_URL_IAM). */
  iamEndpoint?: string;
  /** Waits between tries of a new access key, which IAM takes seconds to spread. */
  sleep: (ms: number) => Promise<void>;
  awsConfigFile?: string;
  fetchSsoRole: (role: RoleRef) => Promise<Credentials>;
  /** An IAM Identity Center role of the catalogue, by the profile name the window shows. */
  catalogueRole: (profileName: string) => RoleRef | undefined;
  /** Whether every configured instance's complete role list is in (and one is configured). */
  rolesListed: () => boolean;
  /** The region RoleTray signs in to an instance with, when it is configured. */
  instanceRegion: (startUrl: string) => string | undefined;
  changed: () => void;
  log: Log;
}

/**
 * Roles chained through STS and IAM users: the MFA prompts, the IAM users' keys and sessions,
 * the ~/.aws/config role profiles and the derivation that makes a chained slot's credentials.
 * The STS and IAM clients (and their SDKs) are loaded on the first call that needs them, not at start.
 */
export function createChainParts(deps: ChainPartsDeps) {
  let stsLoading: Promise<StsCalls> | undefined;
  const sts = () => (stsLoading ??= import('../sts/sts-calls').then((m) => m.stsCalls(deps.stsEndpoint)));
  const prompts = new MfaPrompts({ now: deps.now, setTimer: deps.setTimer, clearTimer: deps.clearTimer, onChange: deps.changed });
  const users = new IamUsers({ secrets: deps.secrets, secretsAvailable: deps.secretsAvailable, settings: deps.settings, sts, now: deps.now, onChange: deps.changed });
  const deriver = new Deriver({ fetchSsoRole: deps.fetchSsoRole, sts, users, prompts, runMfaProcess, now: deps.now });
  let iamLoading: Promise<IamCalls> | undefined;
  const iam = () => (iamLoading ??= import('../sts/iam-calls').then((m) => m.iamCalls(deps.iamEndpoint)));
  const rotation = new KeyRotation({ users, sts, iam, sessions: deriver, sleep: deps.sleep });
  let configChains: ConfigChain[] = [];
  let ssoProfiles: ImportedProfile[] = [];

  /** A catalogue role first (as the window names it), else an SSO profile of ~/.aws/config. */
  const ssoRole = (profileName: string): RoleRef | undefined => {
    const listed = deps.catalogueRole(profileName);
    if (listed) return listed;
    const p = ssoProfiles.find((s) => s.profileName === profileName);
    return p && { startUrl: p.startUrl, region: deps.instanceRegion(p.startUrl) ?? p.region, accountId: p.accountId, roleName: p.roleName };
  };

  const sources = (extra: ChainSources['chains'] = []): ChainSources => ({
    chains: [...extra, ...deps.settings.get().chains],
    configChains,
    iamUsers: users.list(),
    ssoRole,
    rolesListed: deps.rolesListed(),
  });

  return {
    prompts,
    users,
    deriver,
    rotation,
    sources,
    /** Reads ~/.aws/config's role profiles again (at start, and before each load by profile name, so an edit is seen). */
    async readAwsConfig(): Promise<void> {
      if (!deps.awsConfigFile) return;
      const text = await readAwsConfigText(deps.awsConfigFile);
      const next = chainsFromAwsConfig(text);
      ssoProfiles = importAwsConfig(text).profiles;
      if (JSON.stringify(next) !== JSON.stringify(configChains)) {
        configChains = next;
        deps.changed();
      }
    },
    chainViews(): ChainView[] {
      const s = sources();
      const view = (origin: ChainView['origin']) => (c: ConfigChain | ChainSources['chains'][number]): ChainView => {
        const { mfaProcess: _process, problem: _problem, ...fields } = c as ConfigChain;
        const { derivation, problem } = tryResolve(c.profileName, s);
        const root = derivation?.root;
        return { ...fields, origin, ...(root?.kind === 'sso' ? { startUrl: root.role.startUrl } : {}), ...(problem ? { problem } : {}) };
      };
      const own = deps.settings.get().chains;
      return [...own.map(view('roletray')), ...configChains.filter((c) => !own.some((o) => o.profileName === c.profileName)).map(view('aws-config'))];
    },
    iamUserViews(): IamUserView[] {
      return users.list().map((u) => {
        const sessionExpiresAt = users.sessionExpiresAt(u.name);
        return {
          name: u.name,
          accessKeyHint: u.accessKeyHint,
          ...(u.mfaSerial !== undefined ? { mfaSerial: u.mfaSerial } : {}),
          ...(u.region !== undefined ? { region: u.region } : {}),
          ...(sessionExpiresAt !== undefined ? { sessionExpiresAt } : {}),
        };
      });
    },
  };
}

export type ChainParts = ReturnType<typeof createChainParts>;
