// main/cli: the `roletray` command line: each command parses its flags and drives the core, a
// running server over HTTP, or the configuration directory. It may import any folder of main/ but
// electron/, and common/; nothing in main/ imports it.
import { parseArgs } from 'node:util';
import { VERSION } from '../version';
import { isUserError } from '../../common/user-error';
import { configDirFor } from '../config-dir';
import { CliError, type CliIo } from './io';
import { withWorkplace, type Workplace } from './owner';
import { SSO_CLI } from './sso-deps';
import { terminalStatusLine } from './status-line';
import { processTerminal } from './terminal';

const HELP = `roletray ${VERSION}: AWS role credentials for every SDK and the AWS CLI, over the container credentials protocol.

Usage: roletray <command> [options]      (roletray <command> --help for its options)

  serve      run the credential server (headless)
  login      sign in to IAM Identity Center (in the browser, or with a device code)
  roles      list (and search) the roles you can load
  load       load a role into a slot: from IAM Identity Center, a chained profile or an IAM user
             (-p NAME), assumed from another (--assume ROLE_ARN --via PROFILE), a file or --from-env
  unload     unload a slot (or --all)
  list       list the loaded slots
  profile    print the profile in the default slot
  iam        IAM users whose access keys RoleTray keeps: iam add NAME (keys from stdin), list, rotate, remove
  exec       run a command with a slot's credentials: roletray exec -p NAME -- COMMAND
  console    open the AWS console signed in as a slot (--print: print the URL)
  credential-process
             print a slot's credentials for credential_process in ~/.aws/config
  auth       bearer token: --generate, --bearer-token T, --delete, --show   (alias: token)
  ssl        TLS: save, generate, print, delete, disable, enable           (alias: tls)
  setup      setup profiles: a profile per role in ~/.aws/config; setup region: default regions
  doctor     what would stop the SDKs in this shell from using RoleTray, and the fix for each

The commands drive the RoleTray that runs for the configuration directory (the app or
\`roletray serve\`), so its port, token and certificate need no flags; with none running,
login, roles, auth and ssl work on the directory itself.

Clients use:  export AWS_CONTAINER_CREDENTIALS_FULL_URI=http://127.0.0.1:4144/
`;

type Command = (argv: string[], io: CliIo) => Promise<number>;

/** A command whose module loads when it runs: `roletray list` does not pay for the server or the AWS SDK. */
function lazy<M>(load: () => Promise<M>, pick: (m: M) => Command): Command {
  return async (argv, io) => pick(await load())(argv, io);
}

const slotCommands = () => import('./slot-commands');
const ssoCommands = () => import('./sso-commands');
const tokenCommands = () => import('./token-commands');
const tlsCommands = () => import('./tls-commands');

/** A configuration command that takes the workplace (the owner, or the directory held for it) as its third argument. */
function inWorkplace(command: string, handler: (argv: string[], io: CliIo, place: Workplace) => Promise<number>): Command {
  return (argv, io) => {
    const { values } = parseArgs({ args: argv, options: { 'config-dir': { type: 'string' } }, strict: false });
    const flag = typeof values['config-dir'] === 'string' ? values['config-dir'] : undefined;
    return withWorkplace(configDirFor(flag, io.env), command, (place) => handler(argv, io, place));
  };
}

const COMMANDS: Record<string, Command> = {
  serve: lazy(() => import('./serve'), (m) => m.serve),
  login: lazy(ssoCommands, (m) => (argv, io) => m.login(argv, io, SSO_CLI)),
  roles: lazy(ssoCommands, (m) => (argv, io) => m.roles(argv, io, SSO_CLI)),
  list: lazy(slotCommands, (m) => m.list),
  profile: lazy(slotCommands, (m) => m.profile),
  load: lazy(slotCommands, (m) => m.load),
  unload: lazy(slotCommands, (m) => m.unload),
  exec: lazy(() => import('./exec'), (m) => m.exec),
  'credential-process': lazy(() => import('./credential-process'), (m) => m.credentialProcess),
  console: lazy(() => import('./console-command'), (m) => m.consoleCommand),
  auth: lazy(tokenCommands, (m) => inWorkplace('auth', m.token)),
  token: lazy(tokenCommands, (m) => inWorkplace('auth', m.token)),
  ssl: lazy(tlsCommands, (m) => m.tls),
  tls: lazy(tlsCommands, (m) => m.tls),
  iam: lazy(() => import('./iam-commands'), (m) => m.iam),
  setup: lazy(() => import('./setup-command'), (m) => m.setup),
  doctor: lazy(() => import('./doctor-command'), (m) => m.doctor),
};

// parseArgs reports unknown or malformed options with these codes.
const isUsage = (err: unknown) => Boolean((err as { code?: string } | null)?.code?.startsWith('ERR_PARSE_ARGS'));

/**
 * The CLI's door of the one error policy: a UserError says what to do; a usage error points at
 * --help; an error of the operating system (it names the file or address and the reason, such as
 * `EACCES: permission denied, open '…'`) is shown as it is, since the person at this terminal can
 * act on it; anything else is a fault, named but not detailed (ROLETRAY_LOG_LEVEL=debug adds the stack).
 */
function failureLine(err: unknown, command: string, env: NodeJS.ProcessEnv): string {
  if (isUserError(err)) return err.message;
  if (isUsage(err)) return `${(err as Error).message} (try roletray ${command} --help)`;
  if (typeof (err as NodeJS.ErrnoException | null)?.syscall === 'string') return (err as Error).message;
  const name = (err as Error | null)?.name ?? typeof err;
  const stack = env.ROLETRAY_LOG_LEVEL === 'debug' && err instanceof Error ? `\n${err.stack}` : '';
  return `unexpected ${name}: this is a bug in RoleTray; please report it (run again with ROLETRAY_LOG_LEVEL=debug for details)${stack}`;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === 'version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const handler = COMMANDS[command];
  if (!handler) {
    io.stderr(`roletray: unknown command "${command}" (try roletray --help)\n`);
    return 2;
  }
  try {
    return await handler(rest, io);
  } catch (err) {
    // `--json` before any `--` (exec's command may take its own): the reason as JSON too, same exit code.
    const own = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
    const reason = failureLine(err, command, io.env);
    io.stderr(own.includes('--json') ? `${JSON.stringify({ error: reason })}\n` : `roletray ${command}: ${reason}\n`);
    return isUserError(err) ? (err instanceof CliError ? err.exitCode : 1) : isUsage(err) ? 2 : 1;
  }
}

export function processIo(): CliIo {
  return {
    env: process.env,
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    stopSignal: () =>
      new Promise((resolve) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve(signal));
      }),
    ...(process.stdin.isTTY ? { terminal: processTerminal() } : {}),
    ...(process.stderr.isTTY ? { statusLine: terminalStatusLine(process.stderr) } : {}),
  };
}

