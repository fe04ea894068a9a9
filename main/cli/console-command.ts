import { parseArgs } from 'node:util';
import { partitionOfArn } from '../console/console-endpoints';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemLauncher, type Launched, type Launcher } from '../console/open-browser';
import { writeRedirectPage } from '../console/redirect-page';
import { consoleSigninUrl } from '../console/signin-url';
import type { CliIo } from './io';
import { SLOT_HELP, SLOT_OPTIONS, slotCredentials, slotTarget } from './credential-process';
import { clientOf } from './server-client';
import type { SsoCliDeps } from './sso-commands';
import { SSO_CLI } from './sso-deps';

export const HELP = `Usage: roletray console [-p NAME | --slot NAME] [--destination URL] [--region R] [--print]

Opens the AWS console in your browser, signed in with the credentials of a slot (through the
AWS federation endpoint of the role's partition). The sign-in URL works for anyone who has
it for ~15 minutes: it is shown only with --print. The browser is given a local page that only
you can read (deleted once the browser has it) which leads on to the URL, because a command's
arguments, the browser's among them, are readable by every local user.

  --destination URL   the console page to open (default: the console home)
  --region R          the console's region (also picks the partition: us-gov-*, cn-*)
  --print             print the sign-in URL instead of opening a browser
                      ($BROWSER names the browser command; $ROLETRAY_FEDERATION_URL another federation endpoint)
${SLOT_HELP}`;

export interface ConsoleDeps {
  sso?: SsoCliDeps;
  /** How the browser is started on the redirect page; default the platform's browser command. */
  open?: Launcher;
  pageTimes?: PageTimes;
}

/** How long the redirect page is kept after the browser starts, in ms. */
export interface PageTimes {
  /** At least this long: a launcher (xdg-open, open) hands the page to a browser that may still be starting. */
  minMs: number;
  /** At most this long: a browser started directly runs until it is closed. */
  maxMs: number;
}
const PAGE_TIMES: PageTimes = { minMs: 3_000, maxMs: 30_000 };

/** Resolves once the browser has had the page: its launcher ended (or `maxMs` passed), and `minMs` passed. */
async function pageHandedOver(launched: Launched, times: PageTimes): Promise<void> {
  const done = new AbortController();
  const wait = (ms: number) => sleep(ms, undefined, { signal: done.signal }).catch(() => undefined);
  try {
    await Promise.all([wait(times.minMs), Promise.race([launched.exited, wait(times.maxMs)])]);
  } finally {
    done.abort();
  }
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
    io.stdout(values.json ? `${JSON.stringify({ url })}\n` : `${url}\n`);
    return 0;
  }
  const page = await writeRedirectPage(url);
  try {
    const launched = await (deps.open ?? systemLauncher(io.env))(page.path);
    io.stdout(values.json ? `${JSON.stringify({ opened: true, slot: target.name })}\n` : `Opened the AWS console for ${target.name ? `slot "${target.name}"` : 'the default slot'} in your browser.\n`);
    await pageHandedOver(launched, deps.pageTimes ?? PAGE_TIMES);
  } finally {
    await page.remove();
  }
  return 0;
}
