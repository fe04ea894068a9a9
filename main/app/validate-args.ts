import type { Arg, OperationName, Result } from '../../preload/api';
import { isSignInMethod } from '../../common/sign-in-method';
import { SETTINGS_FIELDS } from '../settings/validate';

type Check<K extends OperationName> = (arg: unknown) => Result<Arg<K>>;

const MAX_TEXT = 64 * 1024;
const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const bad = (error: string): { ok: false; error: string } => ({ ok: false, error });

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

const none = (arg: unknown): Result<void> => (arg === undefined || arg === null ? ok(undefined) : bad('this operation takes no argument'));

function text(what: string, max = MAX_TEXT) {
  return (arg: unknown): Result<string> =>
    typeof arg === 'string' && arg.length > 0 && arg.length <= max ? ok(arg) : bad(`${what} must be a non-empty string of at most ${max} characters`);
}

function fields<T>(what: string, shape: Record<string, (v: unknown) => boolean>, optional: string[] = []) {
  return (arg: unknown): Result<T> => {
    if (!isRecord(arg)) return bad(`${what} must be an object`);
    for (const key of Object.keys(arg)) if (!(key in shape)) return bad(`${what}: unknown field "${key}"`);
    for (const [key, test] of Object.entries(shape)) {
      const value = arg[key];
      if (value === undefined && optional.includes(key)) continue;
      if (!test(value)) return bad(`${what}: "${key}" is missing or of the wrong type`);
    }
    return ok(arg as T);
  };
}

const str = (v: unknown) => typeof v === 'string' && v.length <= MAX_TEXT;
const bool = (v: unknown) => typeof v === 'boolean';
const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

const ASSUME_ROLE_FIELDS = { profileName: str, roleArn: str, via: str, roleSessionName: str, externalId: str, durationSeconds: num, mfaSerial: str, sourceIdentity: str, region: str };
const ASSUME_ROLE_OPTIONAL = ['roleSessionName', 'externalId', 'durationSeconds', 'mfaSerial', 'sourceIdentity', 'region'];
const assumeRole = fields<Arg<'saveChain'>>('role definition', ASSUME_ROLE_FIELDS, ASSUME_ROLE_OPTIONAL);

/**
 * The door's payload checks, one per operation: the window (or anything pretending to be it)
 * can send any value over IPC, so every argument is checked for shape before it reaches the core.
 * Meaning (a valid port, a matching key) is the core's to check.
 */
export const ARG_CHECKS: { [K in OperationName]: Check<K> } = {
  getState: none,
  listRoles: none,
  signIn: fields('sign-in', { startUrl: str, region: str, method: isSignInMethod }, ['method']),
  cancelSignIn: text('start URL', 2048),
  signOut: text('start URL', 2048),
  refreshCatalog: none,
  loadRole: fields('load request', { roleKey: str, slot: str, slotted: bool, profileName: str }, ['slot', 'slotted', 'profileName']),
  loadCredentials: fields('credentials request', { slot: (v) => typeof v === 'string' && v.length <= 256, body: isRecord }),
  unload: (arg) => (typeof arg === 'string' && arg.length <= 256 ? ok(arg) : bad('slot must be a string ("" for the default slot)')),
  unloadAll: none,
  // A role by its key, or a chain or IAM user by its profile name: never both.
  setPinned: (arg) => (isRecord(arg) && 'profile' in arg ? fields<Arg<'setPinned'>>('pin request', { profile: str, pinned: bool })(arg) : fields<Arg<'setPinned'>>('pin request', { roleKey: str, pinned: bool })(arg)),
  generateToken: none,
  setToken: text('token', 4096),
  revealToken: none,
  deleteToken: none,
  setTokenFile: (arg) => (arg === null ? ok(null) : text('token file path', 4096)(arg)),
  saveTls: fields('certificate', { cert: str, key: str }),
  generateTls: none,
  exportCa: none,
  deleteTls: none,
  setTlsDisabled: (arg) => (typeof arg === 'boolean' ? ok(arg) : bad('expected true or false')),
  updateSettings: (arg) => {
    if (!isRecord(arg)) return bad('settings change must be an object');
    const unknown = Object.keys(arg).find((k) => !(SETTINGS_FIELDS as string[]).includes(k));
    if (unknown) return bad(`unknown setting "${unknown}"`);
    // An IAM user is its keys too, and a chain is checked for loops when saved: each has its own operations.
    if ('iamUsers' in arg) return bad('IAM users are added and removed with addIamUser and removeIamUser');
    if ('chains' in arg) return bad('chains are saved and removed with saveChain and removeChain');
    return ok(arg as Arg<'updateSettings'>);
  },
  envLines: fields('env request', { shell: (v) => v === 'sh' || v === 'fish' || v === 'powershell', slot: str, revealToken: bool, container: bool }, ['slot', 'revealToken', 'container']),
  credentialProcessLines: text('slot name', 256),
  slotAccess: (arg) => (typeof arg === 'string' && arg.length <= 256 ? ok(arg) : bad('slot must be a string ("" for the default slot)')),
  openExternal: (arg) => {
    if (typeof arg !== 'string') return bad('URL must be a string');
    try {
      return new URL(arg).protocol === 'https:' ? ok(arg) : bad('only https links are opened');
    } catch {
      return bad('not a URL');
    }
  },
  openConsole: (arg) =>
    isRecord(arg) && Object.keys(arg).length === 1 && (typeof arg.slot === 'string' || typeof arg.roleKey === 'string')
      ? ok(arg as Arg<'openConsole'>)
      : bad('console request must be {"slot": name} or {"roleKey": key}'),
  dismissNotice: text('notice id', 256),
  writeAwsProfiles: fields('profiles request', { prune: bool, prefix: (v) => typeof v === 'string' && v.length <= 64, dryRun: bool }, ['prefix', 'dryRun']),
  runDoctor: none,
  loadProfile: fields('load request', { profile: str, slot: str, slotted: bool, profileName: str }, ['slot', 'slotted', 'profileName']),
  loadAssumed: (arg) => {
    const shape = fields<Arg<'loadAssumed'>>('load request', { definition: isRecord, slot: str, slotted: bool, save: bool }, ['slot', 'slotted', 'save'])(arg);
    if (!shape.ok) return shape;
    const definition = assumeRole(shape.value.definition);
    return definition.ok ? shape : definition;
  },
  saveChain: assumeRole,
  removeChain: text('profile name', 256),
  addIamUser: fields('IAM user', { name: str, accessKeyId: str, secretAccessKey: str, mfaSerial: str, region: str }, ['mfaSerial', 'region']),
  removeIamUser: text('IAM user name', 256),
  rotateIamUser: text('IAM user name', 256),
  answerMfa: fields('MFA answer', { id: str, code: str }),
  cancelMfa: text('MFA prompt id', 256),
};
