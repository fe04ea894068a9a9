export type Shell = 'sh' | 'fish' | 'powershell';

/** How a client gets the bearer token: from a file, from another variable, from a command's output (`roletray auth --show`), or (shown on purpose) its value. */
export type TokenHint = { file: string } | { variable: string } | { command: string[] } | { value: string };

export interface EnvTarget {
  /** The server's base URL, ending in `/`. */
  url: string;
  /** A named slot, or undefined for the default slot. */
  slot?: string;
  token?: TokenHint;
  /** A CA bundle for https clients. */
  caFile?: string;
  /** The slot's default region: the container protocol has no region field, so the lines carry it. */
  region?: string;
}

export function slotUrl(baseUrl: string, slot?: string): string {
  return slot ? `${baseUrl}slot/${encodeURIComponent(slot)}` : baseUrl;
}

const quote: Record<Shell, (s: string) => string> = {
  sh: (s) => `'${s.replaceAll("'", `'\\''`)}'`,
  fish: (s) => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`,
  powershell: (s) => `'${s.replaceAll("'", "''")}'`,
};

function setVar(shell: Shell, name: string, value: string, raw = false): string {
  const v = raw ? value : quote[shell](value);
  if (shell === 'fish') return `set -gx ${name} ${v}`;
  if (shell === 'powershell') return `$env:${name} = ${v}`;
  return `export ${name}=${v}`;
}

function unsetVar(shell: Shell, name: string): string {
  if (shell === 'fish') return `set -e ${name}`;
  if (shell === 'powershell') return `Remove-Item Env:${name} -ErrorAction SilentlyContinue`;
  return `unset ${name}`;
}

function tokenFromFile(shell: Shell, file: string): string {
  if (shell === 'fish') return `(cat ${quote.fish(file)} | string collect)`;
  if (shell === 'powershell') return `(Get-Content -Raw ${quote.powershell(file)})`;
  return `"$(cat ${quote.sh(file)})"`;
}

function tokenFromCommand(shell: Shell, words: string[]): string {
  const command = words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : quote[shell](w))).join(' ');
  if (shell === 'fish') return `(${command} | string collect)`;
  if (shell === 'powershell') return `(${command})`;
  return `"$(${command})"`;
}

function tokenFromVariable(shell: Shell, variable: string): string {
  if (shell === 'fish') return `$${variable}`;
  if (shell === 'powershell') return `$env:${variable}`;
  return `"$${variable}"`;
}

/**
 * The exact lines a person pastes into a shell so every AWS SDK and the AWS CLI use RoleTray.
 * With a token file both variables are set: the file for clients that re-read it after a
 * rotation, the value for the AWS CLI v2 releases that ignore `..._TOKEN_FILE`.
 */
export function envLines(shell: Shell, target: EnvTarget): string[] {
  const lines = [
    unsetVar(shell, 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'),
    setVar(shell, 'AWS_CONTAINER_CREDENTIALS_FULL_URI', slotUrl(target.url, target.slot)),
  ];
  const token = target.token;
  if (token && 'file' in token) {
    lines.push(setVar(shell, 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE', token.file));
    lines.push(setVar(shell, 'AWS_CONTAINER_AUTHORIZATION_TOKEN', tokenFromFile(shell, token.file), true));
  } else if (token && 'command' in token) {
    lines.push(setVar(shell, 'AWS_CONTAINER_AUTHORIZATION_TOKEN', tokenFromCommand(shell, token.command), true));
  } else if (token && 'variable' in token) {
    lines.push(setVar(shell, 'AWS_CONTAINER_AUTHORIZATION_TOKEN', tokenFromVariable(shell, token.variable), true));
  } else if (token) {
    lines.push(setVar(shell, 'AWS_CONTAINER_AUTHORIZATION_TOKEN', token.value));
  }
  if (target.caFile) {
    lines.push(setVar(shell, 'AWS_CA_BUNDLE', target.caFile));
    lines.push(setVar(shell, 'NODE_EXTRA_CA_CERTS', target.caFile));
  }
  if (target.region) {
    // AWS_REGION for the SDKs, AWS_DEFAULT_REGION for the AWS CLI and older botocore.
    lines.push(setVar(shell, 'AWS_REGION', target.region));
    lines.push(setVar(shell, 'AWS_DEFAULT_REGION', target.region));
  }
  return lines;
}

// POSIX: single quotes read the same to botocore (shlex) and to the shell the JS and Go SDKs run the command in.
const SAFE_WORD = /^[\w@%+=:,./-]+$/;
const posixWord = (s: string) => (SAFE_WORD.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`);
// Windows: botocore splits the line as the C runtime does (double quotes; a backslash is literal unless
// it precedes a quote), the JS SDK hands it to cmd.exe, and the program parses its arguments by the same
// runtime rules. Words with cmd.exe's own characters (& | < > ^ ( ) , ; =) or spaces go inside double quotes,
// where cmd.exe leaves them alone. cmd.exe still expands %NAME% there, which nothing can escape inside quotes.
const SAFE_WINDOWS_WORD = /^[\w@+:./\\-]+$/;
const windowsWord = (s: string) => (SAFE_WINDOWS_WORD.test(s) ? s : `"${s.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"`);

/** A `credential_process` command line from its words, quoted for the platform whose tools will split it. */
export function commandLine(words: readonly string[], platform: NodeJS.Platform = process.platform): string {
  return words.map(platform === 'win32' ? windowsWord : posixWord).join(' ');
}

/**
 * The ~/.aws/config lines that make the AWS CLI and SDKs take a profile's credentials from
 * RoleTray through `credential_process` (for tools that do not speak the container protocol).
 */
export function credentialProcessConfig(
  profileName: string,
  options: { server?: string; /** absolute */ tokenFile?: string; /** the roletray executable; `roletray` on the PATH when omitted */ command?: string; platform?: NodeJS.Platform } = {},
): string {
  const words = [options.command ?? 'roletray', 'credential-process', '-p', profileName];
  if (options.server) words.push('--server', options.server);
  if (options.tokenFile) words.push('--token-file', options.tokenFile);
  return `[profile ${profileName}]\ncredential_process = ${commandLine(words, options.platform)}\n`;
}
