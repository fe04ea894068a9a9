import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsQueryError, invalidToken, Validation, isoSeconds, keyChars, newSecret, readBody, xml, type XmlValue } from './aws-query';
import { IAM_NAMESPACE, IAM_VERSION, iamActions, type IamAction, type IamKeyStore } from './iam-standin';
import { parseAmzDate, parseAuthorization, signatureMatches } from './sigv4-check';
import type { IssuedRoleCredentials } from './sso-standin';
import { newTotpSecret, totpCode, totpStep } from './totp';

/**
 * A local stand-in for AWS STS: AssumeRole, GetSessionToken and GetCallerIdentity in STS's query
 * protocol (a signed form POST; XML answers and errors word for word as STS sends them), so the
 * real @aws-sdk/client-sts, botocore and the AWS CLI read it as they read STS. It checks each
 * caller's SigV4 signature against credentials it issued, ones the IAM Identity Center stand-in
 * issued, or IAM user keys a test registered, and grants only what the roles tests configure
 * allow. At the same URL it answers requests signed for the `iam` service with IAM's access-key
 * actions (test-support/iam-standin.ts), on the same users' keys: AWS_ENDPOINT_URL_IAM points
 * there. It listens on 127.0.0.1 and calls nothing.
 *
 * Where it differs from STS, on purpose: it does not refuse a request signed more than 5 minutes
 * off its clock (tests move `now` while clients sign with the real one), and it takes no session
 * policies or tags (a test sees them in `calls` only).
 */

/** What the STS stand-in needs of the IAM Identity Center stand-in: the role credentials it handed out. */
export interface SsoCredentialSource {
  findRoleCredentials(accessKeyId: string): IssuedRoleCredentials | undefined;
}

export interface StsStandinOptions {
  /** IAM Identity Center stand-ins whose role credentials are accepted as callers (SSO role sessions). */
  ssoStandins?: readonly SsoCredentialSource[];
  /** Delay before every answer, like a far-away region. */
  latencyMs?: number;
  /** The service's clock (session expiry, MFA codes); tests that fake time pass theirs. */
  now?: () => number;
  /**
   * 'refuse' (the default, as AWS does): a device's code is accepted once; that code, or an
   * earlier one, is refused afterwards. 'allow' takes any code valid at the time.
   */
  mfaCodeReuse?: 'refuse' | 'allow';
  /** A key CreateAccessKey makes is refused (InvalidClientTokenId) for this long, as a real IAM key takes seconds to work everywhere. */
  newKeyDelayMs?: number;
  /** Loopback port to listen on; 0 (the default) picks a free one. */
  port?: number;
}

export interface StsRoleRequest {
  /** arn:aws:iam::<12 digits>:role/<path/>name */
  arn: string;
  /**
   * Who may assume it, as a trust policy names principals: a 12-digit account id or
   * `arn:aws:iam::<account>:root` (anyone in that account), or a role or user ARN, `*` and `?`
   * matching as in ArnLike on aws:PrincipalArn (`ssoRoleArn()` gives an SSO role's). `'*'`: anyone.
   */
  trusts: readonly string[];
  /** The sts:ExternalId the trust policy requires. */
  externalId?: string;
  /** The role's MaxSessionDuration: 3600 (the default) to 43200. */
  maxSessionSeconds?: number;
  /** The trust policy requires aws:MultiFactorAuthPresent: an MFA'd caller, or SerialNumber and TokenCode. */
  requireMfa?: boolean;
}

export interface StsRole extends Required<Omit<StsRoleRequest, 'externalId'>> {
  externalId?: string;
  accountId: string;
  roleName: string;
  /** AROA…, the role's unique id, as in AssumedRoleId. */
  roleId: string;
}

export interface StsUserRequest {
  userName: string;
  accountId: string;
  /** Given keys are used as they are; else AKIA… and a secret are made up. */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** A virtual MFA device of the user: its serial defaults to arn:aws:iam::<account>:mfa/<user>, its base32 secret to a new one. */
  mfa?: { serial?: string; secret?: string };
}

export interface StsUser {
  userName: string;
  accountId: string;
  arn: string;
  accessKeyId: string;
  secretAccessKey: string;
  mfa?: { serial: string; secret: string };
}

/** Which principal a caller's credentials belong to. */
export type StsCallerKind = 'sso-role' | 'assumed-role' | 'iam-user' | 'iam-user-session';

export interface StsCaller {
  kind: StsCallerKind;
  accessKeyId: string;
  accountId: string;
  /** What GetCallerIdentity answers: arn:aws:sts::…:assumed-role/Name/session, or the user's ARN. */
  arn: string;
  /** The role's or user's IAM ARN (aws:PrincipalArn): what trust policies name. */
  principalArn: string;
  /** The session was made with an MFA code (aws:MultiFactorAuthPresent). */
  mfa: boolean;
  sourceIdentity?: string;
}

/** One request, as a test asserts on it. Never holds a secret: TokenCode is left out of `params`. */
export interface StsCall {
  /** Set when it was signed for IAM, whose actions are answered at the same URL; STS's calls have none. */
  service?: 'iam';
  action: string;
  /** The access key id it was signed with (also when the signature was refused). */
  accessKeyId?: string;
  /** Who called, once the signature was verified. */
  caller?: StsCaller;
  params: Record<string, string>;
  error?: { code: string; message: string };
  /** The credentials it answered with. */
  issued?: { accessKeyId: string; expiration: number };
}

export interface StsStandin {
  /** The endpoint: client-sts `endpoint`, AWS_ENDPOINT_URL_STS, the AWS CLI's `--endpoint-url`. */
  url: string;
  /** Every request, oldest first. */
  calls: StsCall[];
  addRole(role: StsRoleRequest): StsRole;
  addUser(user: StsUserRequest): StsUser;
  /** The code the MFA device with this serial shows at `at` (default: the stand-in's now). */
  mfaCode(serial: string, at?: number): string;
  /** Every session it issued is past its expiry (IAM users' own keys and SSO credentials are not its to end). */
  expireSessions(): void;
  /** The ids of a user's access keys, as IAM lists them (oldest first). */
  accessKeys(userName: string, accountId?: string): string[];
  /** The secret of a key it keeps, for a test that looks for it where it must not be. */
  secretOf(accessKeyId: string): string | undefined;
  /** The IAM actions a user's policies no longer allow on itself (AccessDenied), in place of those denied before. */
  denyIam(userName: string, actions: readonly IamAction[]): void;
  configure(options: Partial<Pick<StsStandinOptions, 'latencyMs' | 'now' | 'mfaCodeReuse' | 'newKeyDelayMs'>>): void;
  close(): Promise<void>;
}

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
const VERSION = '2011-06-15';
const namespaceOf = (call: StsCall) => (call.service === 'iam' ? IAM_NAMESPACE : NAMESPACE);
/** The user name an IAM Identity Center session carries (its RoleSessionName). */
export const SSO_USER = 'standin-user@example.com';
const CHAINED_MAX_SECONDS = 3600;
const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/((?:[\x21-\x7e]+\/)*)([\w+=,.@-]{1,64})$/;
const ANY_ARN = /^arn:[\w-]+:[\w-]*:[\w-]*:\d*:.+$/;

const badMfaCode = () => new AwsQueryError(403, 'AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code.');
const unknownMfaDevice = () =>
  new AwsQueryError(403, 'AccessDenied', 'MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.');

const newSessionToken = () => `IQoJb3JpZ2luX2Vj${randomBytes(180).toString('base64')}`;

/** The IAM role behind an IAM Identity Center permission set in an account, as AWS names it (the suffix is fixed per role name here). */
export function ssoRoleArn(accountId: string, roleName: string): string {
  return `arn:aws:iam::${accountId}:role/aws-reserved/sso.amazonaws.com/${ssoRoleName(roleName)}`;
}
const ssoRoleName = (roleName: string) => `AWSReservedSSO_${roleName}_${createHash('sha256').update(roleName).digest('hex').slice(0, 16)}`;

function trusted(entry: string, caller: Pick<StsCaller, 'accountId' | 'principalArn'>): boolean {
  const account = /^(\d{12})$/.exec(entry)?.[1] ?? /^arn:[\w-]+:iam::(\d{12}):root$/.exec(entry)?.[1];
  if (account) return caller.accountId === account;
  const pattern = entry.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${pattern}$`).test(caller.principalArn);
}

interface Credential {
  secretAccessKey: string;
  /** Session credentials carry a token, and must be sent with it. */
  sessionToken?: string;
  expiresAt?: number;
  caller: Omit<StsCaller, 'accessKeyId'>;
  /** GetCallerIdentity's UserId. */
  userId: string;
  /** The IAM user behind it (long-term keys and GetSessionToken sessions), for its MFA devices. */
  userName?: string;
  /** A long-term key's creation (ListAccessKeys' CreateDate). */
  createdAt?: number;
  /** Before this, a new key is refused: IAM has not spread it yet. */
  usableAt?: number;
}

interface MfaDevice {
  secret: string;
  userName: string;
  accountId: string;
  lastStep?: number;
}

export async function startStsStandin(initial: StsStandinOptions = {}): Promise<StsStandin> {
  const options: StsStandinOptions = { ...initial };
  const now = () => (options.now ?? Date.now)();
  const roles = new Map<string, StsRole>();
  const keys = new Map<string, Credential>();
  const devices = new Map<string, MfaDevice>();
  const calls: StsCall[] = [];
  const iamDenied = new Map<string, Set<IamAction>>();

  const ssoCredential = (accessKeyId: string): Credential | undefined => {
    for (const source of options.ssoStandins ?? []) {
      const issued = source.findRoleCredentials(accessKeyId);
      if (!issued) continue;
      const name = ssoRoleName(issued.roleName);
      return {
        secretAccessKey: issued.secretAccessKey,
        sessionToken: issued.sessionToken,
        expiresAt: issued.expiration,
        caller: { kind: 'sso-role', accountId: issued.accountId, arn: `arn:aws:sts::${issued.accountId}:assumed-role/${name}/${SSO_USER}`, principalArn: ssoRoleArn(issued.accountId, issued.roleName), mfa: false },
        userId: `AROA${createHash('sha256').update(name).digest('hex').slice(0, 17).toUpperCase()}:${SSO_USER}`,
      };
    }
    return undefined;
  };

  /** The caller, once its key is known, its token right, its session current and its signature good. */
  const authenticate = async (req: IncomingMessage, body: string, call: StsCall): Promise<Credential & { accessKeyId: string; service: 'sts' | 'iam' }> => {
    const header = req.headers.authorization;
    if (header === undefined) throw new AwsQueryError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
    const auth = parseAuthorization(header);
    if (!auth) throw new AwsQueryError(400, 'IncompleteSignature', `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters: '${header.split(' ')[0]}'`);
    call.accessKeyId = auth.accessKeyId;
    if (auth.service === 'iam') call.service = 'iam';
    const dateHeader = req.headers['x-amz-date'];
    const signingDate = typeof dateHeader === 'string' ? parseAmzDate(dateHeader) : undefined;
    if (!signingDate || !auth.signedHeaders.includes('x-amz-date')) {
      throw new AwsQueryError(400, 'IncompleteSignature', "Authorization header requires existence of a signed 'X-Amz-Date' header.");
    }
    const credential = keys.get(auth.accessKeyId) ?? ssoCredential(auth.accessKeyId);
    if (!credential || req.headers['x-amz-security-token'] !== credential.sessionToken) throw invalidToken();
    if (credential.usableAt !== undefined && credential.usableAt > now()) throw invalidToken();
    if (auth.service !== 'sts' && auth.service !== 'iam') throw new AwsQueryError(403, 'SignatureDoesNotMatch', "Credential should be scoped to correct service: 'sts'. ");
    if (!(await signatureMatches({ method: req.method ?? 'GET', target: req.url ?? '/', headers: req.headers, body }, auth, credential.secretAccessKey, signingDate))) {
      throw new AwsQueryError(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      );
    }
    if (credential.expiresAt !== undefined && credential.expiresAt <= now()) throw new AwsQueryError(400, 'ExpiredToken', 'The security token included in the request is expired');
    call.caller = { accessKeyId: auth.accessKeyId, ...credential.caller };
    return { accessKeyId: auth.accessKeyId, service: call.service ?? 'sts', ...credential };
  };

  /** Checks SerialNumber + TokenCode; true when they were given (and right). */
  const checkMfa = (params: URLSearchParams, caller: Credential): boolean => {
    const serial = params.get('SerialNumber');
    const code = params.get('TokenCode');
    if (serial === null && code === null) return false;
    if (serial === null || code === null) throw new AwsQueryError(400, 'ValidationError', 'SerialNumber and TokenCode must be given together');
    const device = devices.get(serial);
    if (!device || (caller.userName !== undefined && (device.userName !== caller.userName || device.accountId !== caller.caller.accountId))) throw unknownMfaDevice();
    const step = totpStep(device.secret, code, now());
    const reused = (options.mfaCodeReuse ?? 'refuse') === 'refuse' && step !== undefined && device.lastStep !== undefined && step <= device.lastStep;
    if (step === undefined || reused) throw badMfaCode();
    device.lastStep = step;
    return true;
  };

  const issue = (credential: Omit<Credential, 'secretAccessKey' | 'sessionToken'>, seconds: number, call: StsCall) => {
    const accessKeyId = `ASIA${keyChars(16)}`;
    const expiresAt = Math.floor((now() + seconds * 1000) / 1000) * 1000;
    const secretAccessKey = newSecret();
    const sessionToken = newSessionToken();
    keys.set(accessKeyId, { ...credential, secretAccessKey, sessionToken, expiresAt });
    call.issued = { accessKeyId, expiration: expiresAt };
    return { AccessKeyId: accessKeyId, SecretAccessKey: secretAccessKey, SessionToken: sessionToken, Expiration: isoSeconds(expiresAt) };
  };

  const actions: Record<string, (params: URLSearchParams, caller: Credential, call: StsCall) => Record<string, XmlValue>> = {
    GetCallerIdentity: (_params, caller) => ({ Arn: caller.caller.arn, UserId: caller.userId, Account: caller.caller.accountId }),

    AssumeRole: (params, caller, call) => {
      const v = new Validation();
      const roleArn = params.get('RoleArn') ?? undefined;
      v.check('roleArn', roleArn, { required: true, min: 20, max: 2048 });
      const sessionName = params.get('RoleSessionName') ?? undefined;
      v.check('roleSessionName', sessionName, { required: true, min: 2, max: 64, pattern: '[\\w+=,.@-]*' });
      const externalId = params.get('ExternalId') ?? undefined;
      v.check('externalId', externalId, { min: 2, max: 1224, pattern: '[\\w+=,.@:\\/-]*' });
      v.check('serialNumber', params.get('SerialNumber') ?? undefined, { min: 9, max: 256, pattern: '[\\w+=/:,.@-]*' });
      v.check('tokenCode', params.get('TokenCode') ?? undefined, { min: 6, max: 6, pattern: '[\\d]*' });
      const sourceIdentity = params.get('SourceIdentity') ?? undefined;
      v.check('sourceIdentity', sourceIdentity, { min: 2, max: 64, pattern: '[\\w+=,.@-]*' });
      const seconds = v.seconds('durationSeconds', params.get('DurationSeconds') ?? undefined, 900, 43_200, 3600);
      v.throwIfAny();
      if (!ANY_ARN.test(roleArn!)) throw new AwsQueryError(400, 'ValidationError', `${roleArn} is invalid`);
      const denied = () => new AwsQueryError(403, 'AccessDenied', `User: ${caller.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
      const role = roles.get(roleArn!);
      if (!role || !role.trusts.some((entry) => trusted(entry, caller.caller))) throw denied();
      if (role.externalId !== undefined && externalId !== role.externalId) throw denied();
      const mfaGiven = checkMfa(params, caller);
      if (role.requireMfa && !mfaGiven && !caller.caller.mfa) throw denied();
      if (caller.caller.sourceIdentity !== undefined && sourceIdentity !== undefined && sourceIdentity !== caller.caller.sourceIdentity) throw denied();
      // Any temporary credentials count, GetSessionToken's included: only an IAM user's own keys are not a chain (aws-vault#263, aws-runas#11).
      const chained = caller.caller.kind !== 'iam-user';
      if (chained && seconds > CHAINED_MAX_SECONDS) {
        throw new AwsQueryError(400, 'ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
      }
      if (seconds > role.maxSessionSeconds) throw new AwsQueryError(400, 'ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
      const identity = sourceIdentity ?? caller.caller.sourceIdentity;
      const arn = `arn:${roleArn!.split(':')[1]}:sts::${role.accountId}:assumed-role/${role.roleName}/${sessionName}`;
      const credentials = issue(
        {
          caller: { kind: 'assumed-role', accountId: role.accountId, arn, principalArn: role.arn, mfa: mfaGiven || caller.caller.mfa, ...(identity ? { sourceIdentity: identity } : {}) },
          userId: `${role.roleId}:${sessionName}`,
        },
        seconds,
        call,
      );
      return {
        // The order STS sends them in.
        SourceIdentity: identity,
        AssumedRoleUser: { AssumedRoleId: `${role.roleId}:${sessionName}`, Arn: arn },
        Credentials: credentials,
      };
    },

    GetSessionToken: (params, caller, call) => {
      const v = new Validation();
      v.check('serialNumber', params.get('SerialNumber') ?? undefined, { min: 9, max: 256, pattern: '[\\w+=/:,.@-]*' });
      v.check('tokenCode', params.get('TokenCode') ?? undefined, { min: 6, max: 6, pattern: '[\\d]*' });
      const seconds = v.seconds('durationSeconds', params.get('DurationSeconds') ?? undefined, 900, 129_600, 43_200);
      v.throwIfAny();
      if (caller.caller.kind !== 'iam-user') throw new AwsQueryError(403, 'AccessDenied', 'Cannot call GetSessionToken with session credentials');
      const mfa = checkMfa(params, caller);
      return { Credentials: issue({ caller: { ...caller.caller, kind: 'iam-user-session', mfa }, userId: caller.userId, userName: caller.userName! }, seconds, call) };
    },
  };

  /** The IAM users' long-term keys, as IAM's actions see them: the very keys STS checks signatures with. */
  const userKeys = (accountId: string | undefined, userName: string) =>
    [...keys.entries()].filter(([, k]) => k.sessionToken === undefined && k.caller.kind === 'iam-user' && k.userName === userName && (accountId === undefined || k.caller.accountId === accountId));
  const keyStore: IamKeyStore = {
    keysOf: (accountId, userName) => userKeys(accountId, userName).map(([accessKeyId, k]) => ({ accessKeyId, secretAccessKey: k.secretAccessKey, createdAt: k.createdAt ?? 0 })),
    addKey: (accountId, userName, key) => {
      const [, existing] = userKeys(accountId, userName)[0] ?? [];
      if (!existing) throw new Error(`sts-standin: no IAM user ${userName} in ${accountId}`);
      keys.set(key.accessKeyId, { ...existing, secretAccessKey: key.secretAccessKey, createdAt: key.createdAt, usableAt: now() + (options.newKeyDelayMs ?? 0) });
    },
    deleteKey: (accessKeyId) => void keys.delete(accessKeyId),
    denied: (accountId, userName) => iamDenied.get(`${accountId}:${userName}`) ?? new Set(),
    now,
  };
  const iam = iamActions(keyStore);

  const send = (res: ServerResponse, status: number, text: string, requestId: string) => {
    res.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(text), 'x-amzn-RequestId': requestId });
    res.end(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = randomUUID();
    const body = await readBody(req);
    const target = new URL(req.url ?? '/', 'http://standin');
    const params = req.method === 'POST' ? new URLSearchParams(body) : target.searchParams;
    const action = params.get('Action') ?? '';
    const recorded: Record<string, string> = {};
    for (const [key, value] of params) if (key !== 'Action' && key !== 'Version' && key !== 'TokenCode') recorded[key] = value;
    const call: StsCall = { action, params: recorded };
    calls.push(call);
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    try {
      const caller = await authenticate(req, body, call);
      let result: Record<string, XmlValue> | undefined;
      if (caller.service === 'iam') {
        const run = iam[action as IamAction] as (typeof iam)[IamAction] | undefined;
        if (!run) throw new AwsQueryError(400, 'InvalidAction', `Could not find operation ${action} for version ${params.get('Version') ?? IAM_VERSION}`);
        result = run(params, { ...caller.caller, ...(caller.userName !== undefined ? { userName: caller.userName } : {}) });
      } else {
        const run = actions[action];
        if (!run) throw new AwsQueryError(400, 'InvalidAction', `Could not find operation ${action} for version ${params.get('Version') ?? VERSION}`);
        result = run(params, caller, call);
      }
      const answer = { [`${action}Result`]: result, ResponseMetadata: { RequestId: requestId } };
      send(res, 200, xml(`${action}Response`, answer, 0, ` xmlns="${namespaceOf(call)}"`), requestId);
    } catch (err) {
      const error = err instanceof AwsQueryError ? err : new AwsQueryError(500, 'InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.');
      if (!(err instanceof AwsQueryError)) console.error('sts-standin:', err);
      call.error = { code: error.code, message: error.message };
      const answer = { Error: { Type: error.status >= 500 ? 'Receiver' : 'Sender', Code: error.code, Message: error.message }, RequestId: requestId };
      send(res, error.status, xml('ErrorResponse', answer, 0, ` xmlns="${namespaceOf(call)}"`), requestId);
    }
  };

  // A client that hangs up mid-body has nobody to answer.
  const server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

  const addDevice = (serial: string, device: MfaDevice) => {
    if (devices.has(serial)) throw new Error(`sts-standin: MFA device ${serial} is already registered`);
    devices.set(serial, device);
  };

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    addRole: (request) => {
      const m = ROLE_ARN.exec(request.arn);
      if (!m) throw new Error(`sts-standin: ${request.arn} is not a role ARN (arn:aws:iam::<12 digits>:role/<path/>name)`);
      const maxSessionSeconds = request.maxSessionSeconds ?? 3600;
      if (!Number.isInteger(maxSessionSeconds) || maxSessionSeconds < 3600 || maxSessionSeconds > 43_200) {
        throw new Error(`sts-standin: maxSessionSeconds ${maxSessionSeconds} is outside IAM's 3600 to 43200`);
      }
      const role: StsRole = { ...request, maxSessionSeconds, requireMfa: request.requireMfa ?? false, accountId: m[2]!, roleName: m[4]!, roleId: `AROA${keyChars(17)}` };
      roles.set(role.arn, role);
      return role;
    },
    addUser: (request) => {
      if (!/^\d{12}$/.test(request.accountId)) throw new Error(`sts-standin: account id ${request.accountId} is not 12 digits`);
      const accessKeyId = request.accessKeyId ?? `AKIA${keyChars(16)}`;
      if (keys.has(accessKeyId)) throw new Error(`sts-standin: access key ${accessKeyId} is already registered`);
      const arn = `arn:aws:iam::${request.accountId}:user/${request.userName}`;
      const user: StsUser = { userName: request.userName, accountId: request.accountId, arn, accessKeyId, secretAccessKey: request.secretAccessKey ?? newSecret() };
      if (request.mfa) {
        user.mfa = { serial: request.mfa.serial ?? `arn:aws:iam::${request.accountId}:mfa/${request.userName}`, secret: request.mfa.secret ?? newTotpSecret() };
        addDevice(user.mfa.serial, { secret: user.mfa.secret, userName: user.userName, accountId: user.accountId });
      }
      keys.set(accessKeyId, {
        secretAccessKey: user.secretAccessKey,
        caller: { kind: 'iam-user', accountId: user.accountId, arn, principalArn: arn, mfa: false },
        userId: `AIDA${createHash('sha256').update(arn).digest('hex').slice(0, 17).toUpperCase()}`,
        userName: user.userName,
        createdAt: Math.floor(now() / 1000) * 1000,
      });
      return user;
    },
    mfaCode: (serial, at) => {
      const device = devices.get(serial);
      if (!device) throw new Error(`sts-standin: no MFA device ${serial}`);
      return totpCode(device.secret, at ?? now());
    },
    expireSessions: () => {
      for (const credential of keys.values()) if (credential.expiresAt !== undefined) credential.expiresAt = now() - 1;
    },
    accessKeys: (userName, accountId) => userKeys(accountId, userName).map(([id]) => id),
    secretOf: (accessKeyId) => keys.get(accessKeyId)?.secretAccessKey,
    denyIam: (userName, denied) => {
      const accounts = new Set([...keys.values()].filter((k) => k.userName === userName).map((k) => k.caller.accountId));
      if (accounts.size === 0) throw new Error(`sts-standin: no IAM user ${userName}`);
      for (const accountId of accounts) iamDenied.set(`${accountId}:${userName}`, new Set(denied));
    },
    configure: (changes) => Object.assign(options, changes),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
