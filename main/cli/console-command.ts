import { parseArgs } from 'node:util';
import { partitionOfArn } from '../console/console-endpoints';
import { systemOpener, type Opener } from '../console/open-browser';
import { consoleSigninUrl } from '../console/signin-url';
import type { CliIo } from './io';
import { SLOT_HELP, SLOT_OPTIONS, slotCredentials, slotTarget } from './credential-process';
import { clientOf } from './server-client';
import type { SsoCliDeps } from './sso-commands';
import { SSO_CLI } from './sso-deps';

export const HELP = `Usage: roletray console [-p NAME | --slot NAME] [--destination URL] [--region R] [--print]

Opens the AWS console in your browser, signed in with the credentials of a slot (through the
AWS federation endpoint of the role's partition). The sign-in URL works for anyone who has
it for ~15 minutes: it is shown only with --print.

  --destination URL   the console page to open (default: the console home)
  --region R          the console's region (also picks the partition: us-gov-*, cn-*)
  --print             print the sign-in URL instead of opening a browser
                      ($BROWSER names the browser command; $ROLETRAY_FEDERATION_URL another federation endpoint)
${SLOT_HELP}`;

export interface ConsoleDeps {
  sso?: SsoCliDeps;
  /** How the URL is opened; default the platform's browser command. */
  open?: Opener;
}

export async function consoleCommand(argv: string[], io: CliIo, deps: ConsoleDeps = {}): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ...SLOT_OPTIONS, destination: { type: 'string' }, region: { type: 'string' }, print: { type: 'boolean' } },
  });
  if (values.help) return (io.stdout(HELP), 0);
  const target = slotTarget(values);
  const creds = await slotCredentials(await clientOf(values, io), target, io, deps.sso ?? SSO_CLI, values['config-dir']);
  // Its errors are one line and name no secret, so the entry point prints them as they are.
  const url = await consoleSigninUrl(
    { accessKeyId: creds.AccessKeyId, secretAccessKey: creds.SecretAccessKey, sessionToken: creds.Token },
    { destination: values.destination, region: values.region, partition: partitionOfArn(creds.RoleArn), federationUrl: io.env.ROLETRAY_FEDERATION_URL },
  );
  if (values.print) {
    io.stdout(`${url}\n`);
    return 0;
  }
  await (deps.open ?? systemOpener(io.env))(url);
  io.stdout(`Opened the AWS console for ${target.name ? `slot "${target.name}"` : 'the default slot'} in your browser.\n`);
  return 0;
}
