import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { configDirFor } from '../config-dir';
import { describeFindings, diagnose, ssoPortal } from '../doctor/doctor';
import { awsCredentialsPath } from '../profiles/aws-config-file';
import { readSettingsFile } from '../settings/settings-file';
import { awsConfigPath } from '../sso/aws-config-import';
import { CA_FILE, SETTINGS_FILE } from './headless-config';
import type { CliIo } from './io';
import { findOwner, must } from './owner';

export const HELP = `Usage: roletray doctor [--config-dir D] [--json]

Tells what would stop the AWS CLI and the SDKs started from this shell from using RoleTray, and
how to fix each: variables that win over it (AWS_ACCESS_KEY_ID, AWS_PROFILE,
AWS_CONTAINER_CREDENTIALS_RELATIVE_URI), a [default] or active profile with keys of its own,
AWS_CONTAINER_CREDENTIALS_FULL_URI at another port or scheme, a token that does not match, a
token file with a trailing newline or open to others, localhost resolving to ::1 first, the clock
against IAM Identity Center, another program on RoleTray's port. Exits 0 when nothing is found, 1
otherwise.

  --config-dir D   the RoleTray to check against (else $ROLETRAY_CONFIG_DIR, else the platform's)
  --json           the findings as [{"id","problem","fix"}]
`;

export async function doctor(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { 'config-dir': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) return (io.stdout(HELP), 0);
  const configDir = configDirFor(values['config-dir'], io.env);
  // The running RoleTray knows its port and scheme; without one, the settings say where it would be.
  const owner = await findOwner(configDir);
  let server: { url?: string; port: number };
  let settings;
  try {
    if (owner && owner.owner.kind !== 'cli') {
      const state = await must(owner, 'getState');
      settings = state.settings;
      server = { ...(state.server.url ? { url: state.server.url } : {}), port: state.server.port ?? settings.port };
    } else {
      settings = (await readSettingsFile(join(configDir, SETTINGS_FILE))).settings;
      server = { port: settings.port };
    }
  } finally {
    owner?.close();
  }
  const findings = await diagnose({
    env: io.env,
    configFile: awsConfigPath(io.env),
    credentialsFile: awsCredentialsPath(io.env),
    server,
    ...(await readFile(join(configDir, CA_FILE), 'utf8').then((ca) => ({ ca }), () => ({}))),
    ssoEndpoints: settings.ssoInstances.map((i) => ssoPortal(i.region, io.env)),
    now: Date.now,
  });
  if (values.json) io.stdout(`${JSON.stringify(findings)}\n`);
  else io.stdout(findings.length ? describeFindings(findings) : 'No problems found: the AWS CLI and the SDKs started from this shell use RoleTray.\n');
  return findings.length ? 1 : 0;
}
