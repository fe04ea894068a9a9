// main/sts: roles chained through STS and IAM users: the parameter rules' use, chain resolution by
// profile name, STS calls (@aws-sdk/client-sts, loaded on first use), IAM users' keys and sessions,
// MFA prompts and mfa_process. It may import credentials/, secrets/, settings/, sso/ (config reading), common/.
import { CHAINED_MAX_SECONDS, parseRoleArn } from '../../common/sts-rules';
import { UserError } from '../../common/user-error';
import { MfaRequiredError } from '../credentials/errors';
import type { AssumeHop, Credentials, Derivation, RoleRef } from '../credentials/types';
import { DEFAULT_STS_REGION, type IamUsers } from './iam-users';
import type { GivenCode, MfaPrompts } from './mfa-prompts';
import { StsRefusedError } from './errors';
import type { AwsKeys, StsCalls, StsSession } from './sts-calls';

/**
 * `ask`: someone asked for this (a load) and a code may be asked for; `background`: a refresh,
 * which fails with MfaRequiredError instead, so the schedule can ask once for every slot.
 */
export type MfaMode = 'ask' | 'background';

export interface Derived {
  credentials: Credentials;
  /** What the slot serves as RoleArn: the assumed role's ARN (with its path), or the IAM user's. */
  arn: string;
}

export interface DeriverDeps {
  fetchSsoRole: (role: RoleRef) => Promise<Credentials>;
  sts: () => Promise<StsCalls>;
  users: IamUsers;
  prompts: MfaPrompts;
  runMfaProcess: (command: string) => Promise<string>;
  now: () => number;
}

/** A code handed over for a background refresh is used within this long (TOTP codes change every 30 s). */
const OFFER_MS = 60_000;

interface CodeNeed {
  mfaSerial: string;
  profileName: string;
  mfaProcess?: string;
  reason: string;
}

/**
 * Makes a chained or IAM-user slot's credentials from its derivation: the root's credentials
 * (GetRoleCredentials, or the IAM user's session), then each AssumeRole in turn, each signed
 * with the one before. What STS grants is what is served: no duration is stretched.
 */
export class Deriver {
  private readonly offered = new Map<string, { code: string; until: number }>();
  private readonly sessions = new Map<string, Promise<StsSession>>();

  constructor(private readonly deps: DeriverDeps) {}

  /** A code the person gave for a background refresh: the next derivation that needs `mfaSerial` uses it. */
  offer(mfaSerial: string, code: string): void {
    this.offered.set(mfaSerial, { code, until: this.deps.now() + OFFER_MS });
  }

  async derive(d: Derivation, mode: MfaMode, target: string): Promise<Derived> {
    const purpose = mode === 'ask' ? `to load ${target}` : `to keep ${target} fresh`;
    let keys: AwsKeys;
    let region: string;
    let result: Derived | undefined;
    /** A first hop signed with an IAM user's own keys (a session longer than an hour), and the MFA device it names. */
    let withUserKeys = false;
    let longTermMfa: string | undefined;
    if (d.root.kind === 'sso') {
      const credentials = await this.deps.fetchSsoRole(d.root.role);
      keys = credentials;
      region = d.root.role.region;
    } else {
      const user = this.user(d.root.user);
      region = user.region ?? d.hops[0]?.region ?? DEFAULT_STS_REGION;
      const first = d.hops[0];
      if (first && (first.durationSeconds ?? 0) > CHAINED_MAX_SECONDS) {
        // STS counts a role assumed with a session (GetSessionToken's too) as chained, capped at an
        // hour; a longer one is asked for with the user's own keys, as the AWS CLI does, and its MFA
        // code (if any) goes with that AssumeRole, since no session holds it.
        keys = await this.deps.users.keys(user.name);
        withUserKeys = true;
        longTermMfa = user.mfaSerial ?? first.mfaSerial;
      } else {
        // A first hop's mfa_serial is asked for once, in the user's session, which every chain from the user then shares.
        const session = await this.userSession(user.name, region, mode, first, purpose);
        keys = session;
        const { accessKeyId, secretAccessKey, sessionToken, expiration } = session;
        result = { credentials: { accessKeyId, secretAccessKey, sessionToken, expiration, accountId: user.accountId, roleName: user.name }, arn: user.arn };
      }
    }
    for (const [i, hop] of d.hops.entries()) {
      region = hop.region ?? region;
      const serial = i === 0 && d.root.kind === 'iam-user' ? longTermMfa : hop.mfaSerial;
      const assumed = await this.assume(keys, region, hop, serial !== undefined ? { mfaSerial: serial, profileName: hop.profileName, reason: `${purpose} (${hop.roleArn})`, ...(hop.mfaProcess ? { mfaProcess: hop.mfaProcess } : {}) } : undefined, mode).catch(
        async (err: unknown) => {
          // The cached session ended early (revoked, or the clock moved): one new session, then the same hop again.
          if (i === 0 && d.root.kind === 'iam-user' && !withUserKeys && isExpired(err)) {
            await this.deps.users.dropSession(d.root.user);
            keys = await this.userSession(d.root.user, region, mode, hop, purpose);
            return this.assume(keys, region, hop, undefined, mode);
          }
          throw err;
        },
      );
      keys = assumed;
      const arn = parseRoleArn(hop.roleArn)!;
      result = { credentials: { ...assumed, accountId: arn.accountId, roleName: arn.roleName }, arn: hop.roleArn };
    }
    if (!result) throw new Error('a derivation from IAM Identity Center with no role to assume is a catalogue load, not a chain');
    return result;
  }

  private async assume(keys: AwsKeys, region: string, hop: AssumeHop, need: CodeNeed | undefined, mode: MfaMode): Promise<StsSession> {
    const given = need ? await this.code(need, mode) : undefined;
    return usingCode(given, async () => (await this.deps.sts()).assumeRole(keys, region, {
      roleArn: hop.roleArn,
      // Like the AWS CLI's botocore-session-<epoch>: a new name per session, so CloudTrail tells them apart.
      roleSessionName: hop.roleSessionName ?? `roletray-${Math.floor(this.deps.now() / 1000)}`,
      ...(hop.externalId !== undefined ? { externalId: hop.externalId } : {}),
      ...(hop.durationSeconds !== undefined ? { durationSeconds: hop.durationSeconds } : {}),
      ...(hop.sourceIdentity !== undefined ? { sourceIdentity: hop.sourceIdentity } : {}),
      ...(need && given ? { mfa: { serialNumber: need.mfaSerial, tokenCode: given.code } } : {}),
    }));
  }

  /**
   * The IAM user's session: the cached one while it lasts, else a new GetSessionToken (with MFA
   * when the user or the first hop names a device). One at a time per user: two loads at once
   * share one code and one session, since STS takes a code only once.
   */
  private userSession(name: string, region: string, mode: MfaMode, firstHop: AssumeHop | undefined, purpose: string): Promise<StsSession> {
    let pending = this.sessions.get(name);
    if (!pending) {
      pending = this.newUserSession(name, region, mode, firstHop, purpose).finally(() => this.sessions.delete(name));
      this.sessions.set(name, pending);
    }
    return pending;
  }

  private async newUserSession(name: string, region: string, mode: MfaMode, firstHop: AssumeHop | undefined, purpose: string): Promise<StsSession> {
    const user = this.user(name);
    const serial = user.mfaSerial ?? firstHop?.mfaSerial;
    const cached = await this.deps.users.session(name).catch(() => undefined);
    if (cached && (cached.withMfa || !serial)) return cached;
    const keys = await this.deps.users.keys(name);
    const given = serial ? await this.code({ mfaSerial: serial, profileName: name, reason: purpose, ...(firstHop?.mfaProcess ? { mfaProcess: firstHop.mfaProcess } : {}) }, mode) : undefined;
    const mfa = serial && given ? { serialNumber: serial, tokenCode: given.code } : undefined;
    const session = await usingCode(given, async () => (await this.deps.sts()).getSessionToken(keys, region, mfa));
    const kept = { ...session, withMfa: mfa !== undefined };
    await this.deps.users.saveSession(name, kept);
    return kept;
  }

  /**
   * The user's MFA'd session, for IAM calls (IAM refuses GetSessionToken credentials without MFA):
   * the cached one while it lasts, else a new one, asking for a code for `purpose`.
   */
  mfaSession(name: string, purpose: string): Promise<StsSession> {
    const user = this.user(name);
    return this.userSession(name, user.region ?? DEFAULT_STS_REGION, 'ask', undefined, purpose);
  }

  /** The IAM user a derivation starts from, which may have been removed since it was loaded. */
  private user(name: string) {
    const user = this.deps.users.get(name);
    if (!user) throw new UserError(`There is no IAM user ${name} in RoleTray any more; add it again (Chains & IAM users in the window, or roletray iam add ${name})`);
    return user;
  }

  private async code(need: CodeNeed, mode: MfaMode): Promise<GivenCode> {
    if (need.mfaProcess) return unasked(await this.deps.runMfaProcess(need.mfaProcess));
    const offered = this.offered.get(need.mfaSerial);
    if (offered) {
      this.offered.delete(need.mfaSerial);
      if (offered.until > this.deps.now()) return unasked(offered.code);
    }
    if (mode === 'background') throw new MfaRequiredError(need.mfaSerial, need.profileName);
    return this.deps.prompts.ask({ mfaSerial: need.mfaSerial, profileName: need.profileName, reason: need.reason });
  }
}

/** A code nobody waits to hear about (mfa_process printed it, or it was given for a refresh). */
const unasked = (code: string): GivenCode => ({ code, settle: () => undefined });

/** Runs the STS call a code was given for, and tells the code's giver how STS took it. */
async function usingCode<T>(given: GivenCode | undefined, call: () => Promise<T>): Promise<T> {
  try {
    const value = await call();
    given?.settle();
    return value;
  } catch (err) {
    given?.settle(err);
    throw err;
  }
}

function isExpired(err: unknown): boolean {
  return err instanceof StsRefusedError && (err.code === 'ExpiredTokenException' || err.code === 'ExpiredToken');
}
