import type { IamUserRequest } from '../../preload/api';
import { regionProblem } from '../../common/sso-instance';
import { slotNameProblem } from '../../common/slot-name';
import { mfaSerialProblem } from '../../common/sts-rules';
import { UserError } from '../../common/user-error';
import type { SecretStore } from '../secrets/secret-store';
import type { IamUserSettings } from '../settings/schema';
import type { SettingsStore } from '../settings/settings-store';
import type { AwsKeys, StsCalls, StsSession } from './sts-calls';

/** Where STS is asked when neither the user nor the chain names a region. */
export const DEFAULT_STS_REGION = 'us-east-1';
/** A cached session with less than this left is not used: what is made from it would end too soon. */
const SESSION_MARGIN_MS = 5 * 60_000;

/** A user's session as cached: whether it was made with an MFA code decides whether it serves a chain that needs one. */
export type CachedSession = StsSession & { withMfa: boolean };

const keysSecret = (name: string) => `iam-user:${name}`;
const sessionSecret = (name: string) => `iam-session:${name}`;

/** AKIA…WXYZ: enough to tell keys apart, not enough to be one. */
export function accessKeyHint(accessKeyId: string): string {
  return `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`;
}

/** Why a request to add an IAM user cannot be taken as it is, or undefined. */
export function iamUserRequestProblem(r: IamUserRequest): string | undefined {
  const nameProblem = slotNameProblem(r.name);
  if (nameProblem) return `The IAM user's name: ${nameProblem.replace('slot name', 'the name')}`;
  if (r.accessKeyId.startsWith('ASIA')) return 'That access key id (ASIA…) is a temporary one; an IAM user\'s long-term key id starts with AKIA';
  if (!/^[A-Z0-9]{16,128}$/.test(r.accessKeyId)) return 'The access key id must be 16 to 128 capital letters and digits, such as AKIAIOSFODNN7EXAMPLE';
  if (!/^[A-Za-z0-9/+=]{16,128}$/.test(r.secretAccessKey)) return 'The secret access key must be 16 to 128 letters, digits or /+= (40 characters, as AWS shows it)';
  if (r.mfaSerial !== undefined) {
    const problem = mfaSerialProblem(r.mfaSerial);
    if (problem) return problem;
  }
  if (r.region !== undefined && regionProblem(r.region)) return regionProblem(r.region);
  return undefined;
}

export interface IamUsersDeps {
  secrets: SecretStore;
  secretsAvailable: boolean;
  settings: SettingsStore;
  sts: () => Promise<StsCalls>;
  now: () => number;
  /** A session was cached or dropped: the window shows when each ends. */
  onChange?: () => void;
}

/**
 * The IAM users RoleTray keeps: their long-term keys in the secret store only (never in
 * settings, argv or ~/.aws/credentials), the non-secret rest in settings, and each one's cached
 * session from GetSessionToken, encrypted, for its lifetime.
 */
export class IamUsers {
  /** When each user's cached session ends, for the window; read from the store at start, kept as sessions change. */
  private readonly expiries = new Map<string, number>();

  constructor(private readonly deps: IamUsersDeps) {}

  list(): readonly IamUserSettings[] {
    return this.deps.settings.get().iamUsers;
  }

  get(name: string): IamUserSettings | undefined {
    return this.list().find((u) => u.name === name);
  }

  sessionExpiresAt(name: string): number | undefined {
    const at = this.expiries.get(name);
    return at !== undefined && at > this.deps.now() ? at : undefined;
  }

  /** Reads when each cached session ends (at start); an unreadable one counts as none. */
  async loadExpiries(): Promise<void> {
    for (const user of this.list()) {
      const session = await this.readSession(user.name).catch(() => undefined);
      if (session) this.expiries.set(user.name, session.expiration);
    }
  }

  /** Keeps a user's keys after STS has said whose they are (GetCallerIdentity), so a typo shows now, not at the first load. */
  async add(request: IamUserRequest): Promise<void> {
    const problem = iamUserRequestProblem(request);
    if (problem) throw new UserError(problem);
    if (!this.deps.secretsAvailable) throw new UserError('This system offers no encryption for secrets, so RoleTray cannot keep an IAM user\'s keys');
    // Adding is never replacing: keys still in use elsewhere would be lost without a word.
    if (this.list().some((u) => u.name === request.name)) throw new UserError(`RoleTray already keeps an IAM user named ${request.name}; remove it first to replace its keys, or choose another name`);
    const keys: AwsKeys = { accessKeyId: request.accessKeyId, secretAccessKey: request.secretAccessKey };
    const who = await (await this.deps.sts()).callerIdentity(keys, request.region ?? DEFAULT_STS_REGION);
    if (!/:user\//.test(who.arn)) throw new UserError(`Those keys belong to ${who.arn}, not to an IAM user`);
    const user: IamUserSettings = {
      name: request.name,
      accessKeyHint: accessKeyHint(request.accessKeyId),
      accountId: who.account,
      arn: who.arn,
      ...(request.mfaSerial !== undefined ? { mfaSerial: request.mfaSerial } : {}),
      ...(request.region !== undefined ? { region: request.region } : {}),
    };
    await this.deps.secrets.set(keysSecret(request.name), JSON.stringify(keys));
    // New keys make the old keys' session someone else's: it goes.
    await this.dropSession(request.name);
    await this.deps.settings.update({ iamUsers: [...this.list().filter((u) => u.name !== request.name), user] });
  }

  /**
   * Puts new keys in place of the user's (a rotation): the secret in one write, then the hint;
   * the old keys are written back if the hint cannot be. The old keys' session goes with them.
   */
  async replaceKeys(name: string, keys: AwsKeys): Promise<void> {
    if (!this.get(name)) throw new UserError(`There is no IAM user ${name} in RoleTray`);
    const old = await this.deps.secrets.get(keysSecret(name));
    const kept: AwsKeys = { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey };
    await this.deps.secrets.set(keysSecret(name), JSON.stringify(kept));
    try {
      await this.deps.settings.update({ iamUsers: this.list().map((u) => (u.name === name ? { ...u, accessKeyHint: accessKeyHint(keys.accessKeyId) } : u)) });
    } catch (err) {
      if (old !== undefined) await this.deps.secrets.set(keysSecret(name), old);
      throw err;
    }
    await this.dropSession(name);
  }

  async remove(name: string): Promise<void> {
    if (!this.get(name)) throw new UserError(`There is no IAM user ${name} in RoleTray`);
    await this.deps.settings.update({ iamUsers: this.list().filter((u) => u.name !== name) });
    await this.deps.secrets.delete(keysSecret(name));
    await this.dropSession(name);
  }

  async keys(name: string): Promise<AwsKeys> {
    const stored = await this.deps.secrets.get(keysSecret(name));
    if (!stored) throw new UserError(`The keys of IAM user ${name} are not in RoleTray's secret store; add them again (Chains & IAM users in the window, or roletray iam add ${name})`);
    return JSON.parse(stored) as AwsKeys;
  }

  /** The cached session, while it has more than a few minutes left. */
  async session(name: string): Promise<CachedSession | undefined> {
    const session = await this.readSession(name);
    return session && session.expiration - this.deps.now() > SESSION_MARGIN_MS ? session : undefined;
  }

  async saveSession(name: string, session: CachedSession): Promise<void> {
    this.expiries.set(name, session.expiration);
    this.deps.onChange?.();
    await this.deps.secrets.set(sessionSecret(name), JSON.stringify(session));
  }

  async dropSession(name: string): Promise<void> {
    await this.deps.secrets.delete(sessionSecret(name));
    if (this.expiries.delete(name)) this.deps.onChange?.();
  }

  private async readSession(name: string): Promise<CachedSession | undefined> {
    const stored = await this.deps.secrets.get(sessionSecret(name));
    return stored ? (JSON.parse(stored) as CachedSession) : undefined;
  }
}
