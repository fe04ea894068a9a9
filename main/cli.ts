import { VERSION } from './version';
import { CliError, type CliIo } from './cli/io';
import { consoleCommand } from './cli/console-command';
import { credentialProcess } from './cli/credential-process';
import { exec } from './cli/exec';
import { serve } from './cli/serve';
import { list, load, profile, unload } from './cli/slot-commands';
import { login, roles } from './cli/sso-commands';
import { tls } from './cli/tls-commands';
import { token } from './cli/token-commands';
import { SSO_CLI } from './cli/sso-deps';

const HELP = `roletray ${VERSION}: AWS role credentials for every SDK and the AWS CLI, over the container credentials protocol.

Usage: roletray <command> [options]      (roletray <command> --help for its options)

  serve      run the credential server (headless)
  login      sign in to IAM Identity Center (device flow)
  roles      list (and search) the roles you can load
  load       load a role (from IAM Identity Center, a file or AWS_* variables) into a slot
  unload     unload a slot (or --all)
  list       list the loaded slots of a running server
  profile    print the profile in the default slot
  exec       run a command with a slot's credentials: roletray exec -p NAME -- COMMAND
  console    open the AWS console signed in as a slot (--print: print the URL)
  credential-process
             print a slot's credentials for credential_process in ~/.aws/config
  auth       bearer token: --generate, --bearer-token T, --delete, --show   (alias: token)
  ssl        TLS: save, generate, print, delete, disable, enable           (alias: tls)

Clients use:  export AWS_CONTAINER_CREDENTIALS_FULL_URI=http://127.0.0.1:4144/
`;

const COMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  serve,
  login: (argv, io) => login(argv, io, SSO_CLI),
  roles: (argv, io) => roles(argv, io, SSO_CLI),
  list,
  profile,
  load,
  unload,
  exec,
  'credential-process': credentialProcess,
  console: consoleCommand,
  auth: token,
  token,
  ssl: tls,
  tls,
};

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
    if (err instanceof CliError) {
      io.stderr(`roletray ${command}: ${err.message}\n`);
      return err.exitCode;
    }
    // parseArgs reports unknown or malformed options with these codes.
    const code = (err as { code?: string }).code;
    if (code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`roletray ${command}: ${(err as Error).message} (try roletray ${command} --help)\n`);
      return 2;
    }
    io.stderr(`roletray ${command}: ${(err as Error).message}\n`);
    return 1;
  }
}

function processIo(): CliIo {
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
  };
}

// Only when run as the program (the bundle's entry), not when a test imports `run`.
if (typeof require !== 'undefined' && require.main === module) {
  void run(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
  });
}
