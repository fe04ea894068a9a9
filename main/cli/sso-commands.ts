import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { configDirFor } from '../config-dir';
import type { SecretStore } from '../secrets/secret-store';
import { awsConfigPath, namingFromAwsConfig, readAwsConfig, type AwsConfigImport } from '../sso/aws-config-import';
import type { CatalogueRole } from '../sso/catalogue-fetch';
import { clientsByRegion } from '../sso/clients';
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
import type { SsoInstance } from '../../common/sso-instance';

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
  login: `Usage: roletray login [--start-url URL --region R] [--config-dir D] [--json]

Signs in to IAM Identity Center with the device flow: prints a URL and a code to confirm in a
browser, and waits. Without --start-url, uses the instance signed in to before, else the one
in ~/.aws/config ([sso-session] or sso_start_url). The session is kept in the secret store.
`,
  roles: `Usage: roletray roles [FILTER ...] [--start-url URL] [--refresh] [--config-dir D] [--json]

Lists the roles you can load (from the saved list; --refresh asks IAM Identity Center again).
FILTER words must all match the profile name, account name, account id or role name.
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
    const known = saved.find((i) => i.startUrl === startUrl) ?? (await readConfig(io)).instances.find((i) => i.startUrl === startUrl);
    const r = region ?? known?.region;
    if (!r) throw usageError('--start-url needs --region (the region of IAM Identity Center, e.g. eu-west-1)');
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
      'config-dir': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return (io.stdout(SSO_HELP.login), 0);
  const { sessions, settings } = await open(configDirOf(values['config-dir'], io), deps);
  const instance = await chooseLoginInstance(values['start-url'], values.region, [...settings.get().ssoInstances], io);
  // With --json, stdout carries only the result; the instructions go to stderr.
  const say = values.json ? io.stderr : io.stdout;
  const abort = new AbortController();
  void io.stopSignal().then(() => abort.abort());
  try {
    const token = await sessions.signIn(
      instance,
      (p) => say(`To sign in to ${instance.startUrl}, open this URL in a browser and confirm the code ${p.userCode}:\n\n  ${p.verificationUriComplete}\n\nWaiting...\n`),
      abort.signal,
    );
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

async function listRoles(configDir: string, io: CliIo, deps: SsoCliDeps, options: { startUrl?: string; refresh?: boolean }): Promise<ListedRole[]> {
  const { catalogue, settings } = await open(configDir, deps);
  const instances = settings.get().ssoInstances.filter((i) => !options.startUrl || i.startUrl === options.startUrl);
  if (instances.length === 0) throw new CliError(options.startUrl ? `not signed in to ${options.startUrl} (run: roletray login --start-url ${options.startUrl} --region R)` : 'not signed in (run: roletray login)');
  const config = await readConfig(io);
  const listed: ListedRole[] = [];
  for (const instance of instances) {
    const found = await (options.refresh ? catalogue.refresh(instance) : catalogue.current(instance)).catch(signInHint);
    const naming = namingFromAwsConfig(instance.startUrl, config, deps.profileFormat);
    for (const role of found.roles) listed.push({ ...role, profileName: profileNameOf({ ...role, startUrl: instance.startUrl }, naming), startUrl: instance.startUrl, region: instance.region });
  }
  return listed;
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
  const all = await listRoles(configDirOf(values['config-dir'], io), io, deps, { startUrl: values['start-url'], refresh: values.refresh });
  const found = searchRoles(indexRoles(all), positionals.join(' '));
  if (values.json) {
    io.stdout(`${JSON.stringify(found.map(({ profileName, accountId, accountName, roleName, startUrl, region }) => ({ profileName, accountId, accountName, roleName, startUrl, region })))}\n`);
    return 0;
  }
  if (found.length === 0) {
    io.stdout(all.length === 0 ? 'No roles: this identity has no account assignments.\n' : `No role matches "${positionals.join(' ')}".\n`);
    return positionals.length > 0 ? 1 : 0;
  }
  const rows = [['PROFILE', 'ACCOUNT', 'ACCOUNT NAME', 'ROLE'], ...found.map((r) => [r.profileName, r.accountId, r.accountName, r.roleName])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  io.stdout(rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n');
  return 0;
}

/**
 * The PUT body for `roletray load` when the credentials come from IAM Identity Center: the role
 * named by --profile (a ~/.aws/config profile or a name from `roletray roles`), or by
 * --account + --role, or --arn. --profile together with a role names the profile to load it as.
 */
export async function ssoPutBody(flags: LoadFlags, io: CliIo, deps: SsoCliDeps, configDir?: string): Promise<PutBody> {
  const dir = configDir ?? configDirOf(undefined, io);
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
