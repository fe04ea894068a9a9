import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { configDirFor } from '../config-dir';
import type { SecretStore } from '../secrets/secret-store';
import { awsConfigPath, namingFromAwsConfig, readAwsConfig, type AwsConfigImport } from '../sso/aws-config-import';
import type { CatalogueProgress, CatalogueRole } from '../sso/catalogue-fetch';
import { fetchingRolesText } from '../../common/catalogue-progress';
import { browserCommand, systemOpener } from '../console/open-browser';
import { chooseSignInMethod } from '../sso/choose-sign-in';
import { clientsByRegion } from '../sso/clients';
import type { BrowserPrompt } from '../sso/pkce-login';
import { SignInRequiredError } from '../credentials/errors';
import { SignInFailedError } from '../sso/errors';
import { JsonSettingsStore } from '../settings/json-settings-store';
import type { Settings } from '../settings/schema';
import { FileJsonStore } from '../sso/json-store';
import { profileNameOf } from '../../common/profile-names';
import { RoleCatalogue } from '../sso/role-catalogue';
import { fetchRoleCredentials } from '../sso/role-credentials';
import { indexRoles, searchRoles } from '../../common/role-search';
import { SsoSessions } from '../sso/sso-sessions';
import { TokenCache } from '../sso/token-cache';
import { CliError, usageError, type CliIo } from './io';
import { roleFromFlags, type LoadFlags, type PutBody } from './load-source';
import { regionProblem, startUrlProblem, type SsoInstance } from '../../common/sso-instance';
import type { AppState } from '../../preload/api';
import type { ControlClient } from '../control/control-client';
import { ownerLabel } from '../control/control-protocol';
import { must, withWorkplace } from './owner';
import { formatTable } from './table';
import { derivedJson, derivedSections, matchingDerived, type DerivedProfiles } from './derived-profiles';

/** What the SSO commands need from the entry point. */
export interface SsoCliDeps {
  /** The secret store of a config directory (headless: openHeadlessSecretStore). */
  openSecrets: (configDir: string) => Promise<SecretStore> | SecretStore;
  /** The profile name format setting, when one is set. */
  profileFormat?: string;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Both APIs at this URL; normally unset so the SDK resolves them (AWS_ENDPOINT_URL_SSO / _SSO_OIDC). */
  endpoint?: string;
}

export const SSO_HELP = {
  login: `Usage: roletray login [--start-url URL --region R] [--use-pkce | --use-device-code]
                     [--config-dir D] [--json]

Signs in to IAM Identity Center. Where a browser can open here, it opens the sign-in page
($BROWSER when set) and waits for it to come back (authorization code with PKCE); over SSH
(SSH_CONNECTION) or with no display, it prints a URL and a code to confirm in a browser on any
device, and waits (device code). --use-pkce and --use-device-code choose. Without --start-url,
uses the instance signed in to before, else the one in ~/.aws/config ([sso-session] or
sso_start_url). The session is kept in the secret store and renewed while it lasts.
`,
  roles: `Usage: roletray roles [FILTER ...] [--start-url URL] [--refresh] [--config-dir D] [--json]

Lists the roles you can load (from the saved list; --refresh asks IAM Identity Center again).
FILTER words must all match the profile name, account name, account id or role name. Through a
running RoleTray, the chained profiles (saved with roletray load --assume ... --save, or
role_arn + source_profile in ~/.aws/config) and the IAM users (roletray iam add) follow, each
in its own section: roletray load -p NAME loads any of them. With --json, those entries carry
"source": "assumed" or "iam-user". While the list is fetched (and while a running RoleTray
fetches its first one, which this waits for), a terminal's stderr shows how far it got.
`,
};

/** Everything the SSO commands work with, for one config directory. */
async function open(configDir: string, deps: SsoCliDeps) {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const clientsFor = clientsByRegion(deps.endpoint);
  const sessions = new SsoSessions({ cache: new TokenCache(await deps.openSecrets(configDir)), clientsFor, now, sleep });
  const store = new FileJsonStore(join(configDir, 'sso'));
  const catalogue = new RoleCatalogue({ sessions, clientsFor, store, now, sleep });
  // The instances signed in to are a setting, shared with `roletray serve` and the app.
  const settings = await JsonSettingsStore.open(join(configDir, 'settings.json'), now);
  return { sessions, clientsFor, store, catalogue, settings };
}

/** The instance list with `instance` added, or its region updated: one entry per start URL. */
function withInstance(settings: Readonly<Settings>, instance: SsoInstance): SsoInstance[] {
  return [...settings.ssoInstances.filter((i) => i.startUrl !== instance.startUrl), { startUrl: instance.startUrl, region: instance.region }];
}

const configDirOf = (flag: string | undefined, io: CliIo): string => configDirFor(flag, io.env);

const readConfig = (io: CliIo): Promise<AwsConfigImport> => readAwsConfig(awsConfigPath(io.env));

function signInHint(err: unknown): never {
  if (err instanceof SignInRequiredError) throw new CliError(`${err.message} (run: roletray login --start-url ${err.startUrl})`);
  throw err;
}

async function chooseLoginInstance(startUrl: string | undefined, region: string | undefined, saved: SsoInstance[], io: CliIo): Promise<SsoInstance> {
  if (startUrl) {
    // Refused before any request: a registration would otherwise be made, and kept, for nothing.
    const urlProblem = startUrlProblem(startUrl);
    if (urlProblem) throw usageError(`--start-url: ${urlProblem}, not "${startUrl}"`);
    const known = saved.find((i) => i.startUrl === startUrl) ?? (await readConfig(io)).instances.find((i) => i.startUrl === startUrl);
    const r = region ?? known?.region;
    if (!r) throw usageError('--start-url needs --region (the region of IAM Identity Center, e.g. eu-west-1)');
    const problem = regionProblem(r);
    if (problem) throw usageError(`--region: ${problem}, not "${r}"`);
    return { startUrl, region: r };
  }
  if (region) throw usageError('--region goes with --start-url');
  if (saved.length === 1) return saved[0]!;
  if (saved.length > 1) throw usageError(`signed in to several instances; choose one with --start-url (${saved.map((i) => i.startUrl).join(', ')})`);
  const fromConfig = (await readConfig(io)).instances;
  if (fromConfig.length === 1) return fromConfig[0]!;
  if (fromConfig.length > 1) throw usageError(`~/.aws/config names several instances; choose one with --start-url (${fromConfig.map((i) => i.startUrl).join(', ')})`);
  throw usageError('which IAM Identity Center? give --start-url URL --region R');
}

export async function login(argv: string[], io: CliIo, deps: SsoCliDeps): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'start-url': { type: 'string' },
      region: { type: 'string' },
      'use-pkce': { type: 'boolean' },
      'use-device-code': { type: 'boolean' },
      'config-dir': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return (io.stdout(SSO_HELP.login), 0);
  if (values['use-pkce'] && values['use-device-code']) throw usageError('choose one of --use-pkce and --use-device-code');
  const configDir = configDirOf(values['config-dir'], io);
  return withWorkplace(configDir, 'login', (place) => (place.owner ? loginThroughOwner(place.owner, values, io) : loginHere(configDir, values, io, deps)));
}

type LoginValues = { 'start-url'?: string; region?: string; json?: boolean; 'use-pkce'?: boolean; 'use-device-code'?: boolean };

const promptText = (startUrl: string, userCode: string, url: string) =>
  `To sign in to ${startUrl}, open this URL in a browser and confirm the code ${userCode}:\n\n  ${url}\n\nWaiting...\n`;

const browserPromptText = (startUrl: string, prompt: Pick<BrowserPrompt, 'authorizeUrl' | 'openError'>) =>
  prompt.openError
    ? `${prompt.openError}. To sign in to ${startUrl}, open this URL in a browser on this machine:\n\n  ${prompt.authorizeUrl}\n\nWaiting... (from another machine, use --use-device-code)\n`
    : `Signing in to ${startUrl} in your browser. If no page opened, open this URL in a browser on this machine:\n\n  ${prompt.authorizeUrl}\n\nWaiting...\n`;

/** The flag's choice, else what this terminal allows: a browser here, or a code for another device. */
const loginMethod = (values: LoginValues, io: CliIo) =>
  values['use-pkce'] ? 'pkce' : values['use-device-code'] ? 'device' : chooseSignInMethod(io.env, process.platform);

/** The person's browser ($BROWSER, else the OS opener), failing in words that fit login. */
const loginOpener = (io: CliIo) => (url: string) =>
  systemOpener(io.env)(url).catch(() => {
    throw new Error(`No browser opened with ${browserCommand(url, process.platform, io.env)[0]}`);
  });

/** The owner signs in (so its refresh and the window see the session); this command shows its prompt and waits for the outcome. */
async function loginThroughOwner(owner: ControlClient, values: LoginValues, io: CliIo): Promise<number> {
  const saved = (await must(owner, 'getState')).sso.map(({ startUrl, region }) => ({ startUrl, region }));
  const instance = await chooseLoginInstance(values['start-url'], values.region, saved, io);
  const say = values.json ? io.stderr : io.stdout;
  let started = false;
  let prompted = false;
  let latest: AppState | undefined;
  const showPrompt = (view: AppState['sso'][number] | undefined) => {
    if (prompted) return;
    if (view?.signIn) say(promptText(instance.startUrl, view.signIn.userCode, view.signIn.verificationUri));
    else if (view?.browserSignIn) say(browserPromptText(instance.startUrl, { authorizeUrl: view.browserSignIn.url, ...(view.browserSignIn.openError ? { openError: view.browserSignIn.openError } : {}) }));
    else return;
    prompted = true;
  };
  const outcome = new Promise<AppState['sso'][number]>((resolve, reject) => {
    const off = owner.onState((state) => {
      latest = state;
      // States from before the sign-in began may carry an old sign-in's error.
      if (!started) return;
      const view = state.sso.find((i) => i.startUrl === instance.startUrl);
      showPrompt(view);
      if (!view || view.signIn || view.browserSignIn) return;
      if (view.error) reject(new CliError(view.error));
      else if (prompted && view.signedIn) resolve(view);
      else if (prompted) reject(new CliError('the sign-in was cancelled'));
      else return;
      off();
    });
    void io.stopSignal().then(() => void owner.call('cancelSignIn', instance.startUrl));
  });
  await must(owner, 'signIn', { ...instance, method: loginMethod(values, io) });
  started = true;
  showPrompt(latest?.sso.find((i) => i.startUrl === instance.startUrl));
  const view = await outcome;
  const until = view.sessionExpiresAt === undefined ? undefined : new Date(view.sessionExpiresAt).toISOString();
  if (values.json) io.stdout(`${JSON.stringify({ startUrl: instance.startUrl, region: instance.region, expiresAt: until ?? null })}\n`);
  else io.stdout(`Signed in to ${instance.startUrl}${until ? ` until ${until}` : ''}; the running RoleTray keeps the session.\n`);
  return 0;
}

async function loginHere(configDir: string, values: LoginValues, io: CliIo, deps: SsoCliDeps): Promise<number> {
  const { sessions, settings } = await open(configDir, deps);
  const instance = await chooseLoginInstance(values['start-url'], values.region, [...settings.get().ssoInstances], io);
  // With --json, stdout carries only the result; the instructions go to stderr.
  const say = values.json ? io.stderr : io.stdout;
  const abort = new AbortController();
  void io.stopSignal().then(() => abort.abort());
  try {
    const token =
      loginMethod(values, io) === 'pkce'
        ? await sessions.signInWithBrowser(instance, { open: loginOpener(io), onPrompt: (p) => say(browserPromptText(instance.startUrl, p)) }, abort.signal)
        : await sessions.signIn(instance, (p) => say(promptText(instance.startUrl, p.userCode, p.verificationUriComplete)), abort.signal);
    await settings.update({ ssoInstances: withInstance(settings.get(), instance) });
    const until = new Date(token.expiresAt).toISOString();
    if (values.json) io.stdout(`${JSON.stringify({ startUrl: instance.startUrl, region: instance.region, expiresAt: until, refreshable: token.refreshToken !== undefined })}\n`);
    else io.stdout(`Signed in to ${instance.startUrl} until ${until}${token.refreshToken ? ' (renewed automatically)' : ''}.\n`);
    return 0;
  } catch (err) {
    if (err instanceof SignInFailedError) throw new CliError(err.message);
    throw err;
  }
}

export interface ListedRole extends CatalogueRole {
  profileName: string;
  startUrl: string;
  region: string;
}

/** "host: " before each instance's progress when there are several, as the window and the tray name them. */
const hostLabel = (startUrl: string, several: boolean) => (several ? `${new URL(startUrl).host}: ` : '');

async function listRoles(configDir: string, io: CliIo, deps: SsoCliDeps, options: { startUrl?: string; refresh?: boolean }): Promise<ListedRole[]> {
  const { catalogue, settings } = await open(configDir, deps);
  const instances = settings.get().ssoInstances.filter((i) => !options.startUrl || i.startUrl === options.startUrl);
  if (instances.length === 0) throw new CliError(options.startUrl ? `not signed in to ${options.startUrl} (run: roletray login --start-url ${options.startUrl} --region R)` : 'not signed in (run: roletray login)');
  const config = await readConfig(io);
  const listed: ListedRole[] = [];
  for (const instance of instances) {
    const label = hostLabel(instance.startUrl, instances.length > 1);
    const onProgress = ({ roles, accountsDone, accounts }: CatalogueProgress) =>
      io.statusLine?.(label + fetchingRolesText({ roles: roles.length, accountsDone, ...(accounts !== undefined ? { accounts } : {}) }));
    const found = await (options.refresh ? catalogue.refresh(instance, onProgress) : catalogue.current(instance, onProgress))
      .catch(signInHint)
      .finally(() => io.statusLine?.(undefined));
    const naming = namingFromAwsConfig(instance.startUrl, config, deps.profileFormat);
    for (const role of found.roles) listed.push({ ...role, profileName: profileNameOf({ ...role, startUrl: instance.startUrl }, naming), startUrl: instance.startUrl, region: instance.region });
  }
  return listed;
}

/** While `work` runs, the owner's progress on the fetches of `instances`, on the status line. */
async function showingOwnerProgress<T>(owner: ControlClient, io: CliIo, instances: readonly string[], work: () => Promise<T>): Promise<T> {
  const statusLine = io.statusLine;
  if (!statusLine) return work();
  const off = owner.onState((state) => {
    const fetching = state.sso.filter((i) => instances.includes(i.startUrl) && i.catalogueProgress);
    statusLine(fetching.length === 0 ? undefined : fetching.map((i) => hostLabel(i.startUrl, instances.length > 1) + fetchingRolesText(i.catalogueProgress!)).join('  '));
  });
  try {
    return await work();
  } finally {
    off();
    statusLine(undefined);
  }
}

/**
 * The running owner's role list (its catalogue and naming), as `roletray roles` shows it. While
 * the owner's first fetch of an instance runs, its list is partial: this waits for it (a refresh
 * joins the fetch running), so a script never gets half a list.
 */
async function ownerRoles(owner: ControlClient, io: CliIo, options: { startUrl?: string; refresh?: boolean }): Promise<ListedRole[]> {
  const instances = (await must(owner, 'getState')).sso.filter((i) => !options.startUrl || i.startUrl === options.startUrl);
  if (instances.length === 0) throw new CliError(options.startUrl ? `not signed in to ${options.startUrl} (run: roletray login --start-url ${options.startUrl} --region R)` : 'not signed in (run: roletray login)');
  const partial = instances.some((i) => i.catalogueProgress && i.catalogFetchedAt === undefined);
  if (options.refresh || partial) {
    await showingOwnerProgress(owner, io, instances.map((i) => i.startUrl), () => must(owner, 'refreshCatalog'));
  }
  const regions = new Map(instances.map((i) => [i.startUrl, i.region]));
  return (await must(owner, 'listRoles')).flatMap(({ accountId, accountName, roleName, profileName, startUrl }) => {
    const region = regions.get(startUrl);
    return region === undefined ? [] : [{ accountId, accountName, roleName, profileName, startUrl, region }];
  });
}

export async function roles(argv: string[], io: CliIo, deps: SsoCliDeps): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'start-url': { type: 'string' },
      refresh: { type: 'boolean' },
      'config-dir': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return (io.stdout(SSO_HELP.roles), 0);
  const configDir = configDirOf(values['config-dir'], io);
  const options = { startUrl: values['start-url'], refresh: values.refresh };
  const query = positionals.join(' ');
  const { all, derived } = await withWorkplace(configDir, 'roles', async (place) => {
    if (!place.owner) return { all: await listRoles(configDir, io, deps, options), derived: NO_DERIVED };
    const state = await must(place.owner, 'getState');
    // The owner's chained profiles and IAM users are loaded with -p too; they belong to no instance, so not to --start-url's.
    const derived = options.startUrl ? NO_DERIVED : { chains: state.chains, iamUsers: state.iamUsers };
    // Someone with only chained profiles or IAM users has nothing to sign in to.
    if (state.sso.length === 0 && (derived.chains.length > 0 || derived.iamUsers.length > 0)) return { all: [], derived };
    return { all: await ownerRoles(place.owner, io, options), derived };
  });
  const found = searchRoles(indexRoles(all), query);
  const more = matchingDerived(derived, query);
  if (values.json) {
    const catalogue = found.map(({ profileName, accountId, accountName, roleName, startUrl, region }) => ({ profileName, accountId, accountName, roleName, startUrl, region }));
    io.stdout(`${JSON.stringify([...catalogue, ...derivedJson(more)])}\n`);
    return 0;
  }
  const sections = derivedSections(more, Date.now());
  if (found.length === 0 && sections === '') {
    const none = all.length === 0 && derived.chains.length === 0 && derived.iamUsers.length === 0;
    io.stdout(none ? 'No roles: this identity has no account assignments.\n' : `No role matches "${query}".\n`);
    return positionals.length > 0 ? 1 : 0;
  }
  const rows = [['PROFILE', 'ACCOUNT', 'ACCOUNT NAME', 'ROLE'], ...found.map((r) => [r.profileName, r.accountId, r.accountName, r.roleName])];
  io.stdout([...(found.length > 0 ? [formatTable(rows)] : []), ...(sections ? [sections] : [])].join('\n'));
  return 0;
}

const NO_DERIVED: DerivedProfiles = { chains: [], iamUsers: [] };

/**
 * The PUT body for `roletray load` when the credentials come from IAM Identity Center: the role
 * named by --profile (a ~/.aws/config profile or a name from `roletray roles`), or by
 * --account + --role, or --arn. --profile together with a role names the profile to load it as.
 */
export async function ssoPutBody(flags: LoadFlags, io: CliIo, deps: SsoCliDeps, configDir?: string): Promise<PutBody> {
  const dir = configDirOf(configDir, io);
  return withWorkplace(dir, 'load', (place) => {
    if (place.owner) {
      place.owner.close();
      throw new CliError(
        `the IAM Identity Center session of ${dir} is ${ownerLabel(place.owner.owner)}'s: load into it without --server, or get the credentials from it (roletray credential-process -p NAME)`,
      );
    }
    return ssoPutBodyHere(flags, io, deps, dir);
  });
}

async function ssoPutBodyHere(flags: LoadFlags, io: CliIo, deps: SsoCliDeps, dir: string): Promise<PutBody> {
  const { sessions, clientsFor, settings } = await open(dir, deps);
  const instances = settings.get().ssoInstances;
  const explicit = roleFromFlags(flags, io.env);
  let chosen: ListedRole | undefined;

  if (explicit.accountId && explicit.roleName) {
    const { accountId, roleName } = explicit;
    const candidates = instances.length > 1 ? (await listRoles(dir, io, deps, {})).filter((r) => r.accountId === accountId && r.roleName === roleName) : [];
    const instance = candidates[0] ?? instances[0];
    if (!instance) throw new CliError('not signed in to IAM Identity Center (run: roletray login), and no credentials given');
    const naming = namingFromAwsConfig(instance.startUrl, await readConfig(io), deps.profileFormat);
    const role = { accountId, roleName, accountName: candidates[0]?.accountName ?? accountId };
    chosen = { ...role, profileName: flags.profile ?? profileNameOf({ ...role, startUrl: instance.startUrl }, naming), startUrl: instance.startUrl, region: instance.region };
  } else if (flags.profile) {
    const name = flags.profile;
    const imported = (await readConfig(io)).profiles.find((p) => p.profileName === name);
    if (imported) {
      chosen = { accountId: imported.accountId, roleName: imported.roleName, accountName: imported.accountId, profileName: name, startUrl: imported.startUrl, region: imported.region };
      if (!instances.some((i) => i.startUrl === imported.startUrl)) {
        throw new CliError(`profile ${name} uses ${imported.startUrl}: sign in first (roletray login --start-url ${imported.startUrl} --region ${imported.region})`);
      }
    } else {
      chosen = (await listRoles(dir, io, deps, {})).find((r) => r.profileName === name);
      if (!chosen) throw new CliError(`no role named "${name}" (see roletray roles)`);
    }
  } else {
    throw usageError('which role? give --profile NAME, --account ID --role NAME, or --arn ARN');
  }

  const credentials = await fetchRoleCredentials(chosen, { sessions, clientsFor }).catch(signInHint);
  const { accessKeyId, secretAccessKey, sessionToken, expiration, accountId, roleName } = credentials;
  return { ProfileName: chosen.profileName, Creds: { accountId, roleName, accessKeyId, secretAccessKey, sessionToken, expiration } };
}
