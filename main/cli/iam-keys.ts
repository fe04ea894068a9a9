import { CliError, type CliIo } from './io';
import { PromptCancelledError } from './terminal';

/** An IAM user's long-term access key, as `roletray iam add` reads it. */
export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
}

const PIPE_EXAMPLE = 'aws iam create-access-key --user-name NAME | roletray iam add NAME';
const PIPED_SHAPES = 'two lines (the access key id, then the secret access key) or the JSON of `aws iam create-access-key`';

/**
 * Flags a person might reach for to give a key on the command line. Refused by name: argv is in
 * every process listing and in the shell's history, so a key there is already half given away.
 */
const KEY_FLAG = /^--?(?:aws-)?(?:secret-access-key|secret-key|secret|access-key-id|access-key|key-id|session-token)(?:=|$)/i;

/** The reason `argv` of `iam add` gives a key away, or undefined. Checked before parsing, so the reason is this and not "unknown option". */
export function keyInArguments(argv: string[]): string | undefined {
  const flag = argv.find((a) => KEY_FLAG.test(a));
  if (flag === undefined) return undefined;
  return `${flag.split('=')[0]} is not taken: keys are never read from arguments (every process listing and your shell history show them); pipe them in (${PIPE_EXAMPLE}), or run roletray iam add NAME on a terminal to be asked`;
}

/** The key in what was piped to `iam add`: two lines, or the JSON `aws iam create-access-key` prints. */
export function parsePipedKey(text: string): AccessKey {
  const trimmed = text.trim();
  if (trimmed === '') throw new CliError(`no access key on standard input: pipe ${PIPED_SHAPES} (${PIPE_EXAMPLE})`);
  if (trimmed.startsWith('{')) return fromCreateAccessKeyJson(trimmed);
  const lines = trimmed.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length !== 2) throw new CliError(`standard input holds ${lines.length} line${lines.length === 1 ? '' : 's'}; pipe ${PIPED_SHAPES}`);
  const [accessKeyId, secretAccessKey] = lines as [string, string];
  if (/\s/.test(accessKeyId) || /\s/.test(secretAccessKey)) throw new CliError('an access key id or secret access key holds no spaces: pipe the id on the first line and the secret on the second, nothing else');
  return { accessKeyId, secretAccessKey };
}

function fromCreateAccessKeyJson(text: string): AccessKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError('standard input starts like JSON but is not valid JSON');
  }
  const key = (parsed as { AccessKey?: { AccessKeyId?: unknown; SecretAccessKey?: unknown } } | null)?.AccessKey;
  if (typeof key?.AccessKeyId !== 'string' || typeof key.SecretAccessKey !== 'string' || key.AccessKeyId === '' || key.SecretAccessKey === '') {
    throw new CliError('the JSON on standard input has no AccessKey.AccessKeyId and AccessKey.SecretAccessKey (the shape `aws iam create-access-key` prints)');
  }
  return { accessKeyId: key.AccessKeyId.trim(), secretAccessKey: key.SecretAccessKey.trim() };
}

/** The key from the person at the terminal (the secret not echoed), or from what was piped in. */
export async function readAccessKey(io: CliIo): Promise<AccessKey> {
  if (!io.terminal) return parsePipedKey(await io.readStdin());
  const terminal = io.terminal;
  try {
    const accessKeyId = await terminal.ask('Access key ID: ');
    if (accessKeyId === '') throw new CliError('no access key id was entered');
    const secretAccessKey = await terminal.ask('Secret access key: ', { hidden: true });
    if (secretAccessKey === '') throw new CliError('no secret access key was entered');
    return { accessKeyId, secretAccessKey };
  } catch (err) {
    if (err instanceof PromptCancelledError) throw new CliError('cancelled: no IAM user was added', 130);
    throw err;
  }
}
