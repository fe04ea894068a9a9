import { mfaCodeProblem } from '../../common/sts-rules';
import type { AppState, MfaPromptView } from '../../preload/api';
import type { ControlClient } from '../control/control-client';
import { CliError, type CliIo } from './io';
import { PromptCancelledError } from './terminal';

/** Tries at a code that is not six digits before the prompt is given up. */
const TRIES = 3;

/**
 * The profiles a load walks, from `start` to its root (each chain's `via`), so that the MFA
 * prompts this load raises are told from another load's: a prompt names the IAM user or chain
 * that needs the code, which may be any step of the way.
 */
export function chainProfiles(state: AppState, start: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...start];
  while (todo.length > 0) {
    const name = todo.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const chain of state.chains) if (chain.profileName === name) todo.push(chain.via);
  }
  return seen;
}

/**
 * Runs `work` (a load through the owner) and, while it runs, answers the MFA prompts it raises:
 * on this terminal when there is one ("MFA code for … (…): ", Ctrl-C cancels the prompt and the
 * load), else by saying once where the code is asked. A prompt answered elsewhere first (the window)
 * is withdrawn here. Ctrl-C (SIGINT) while waiting cancels this load's open prompts too.
 */
export async function answeringMfa<T>(owner: ControlClient, io: CliIo, start: string[], work: () => Promise<T>): Promise<T> {
  const handled = new Set<string>();
  const queue: MfaPromptView[] = [];
  let open: MfaPromptView[] = [];
  let asking: { id: string; withdraw: AbortController } | undefined;
  let toldWhere = false;
  let stopped: Error | undefined;
  let fail!: (err: Error) => void;
  const failed = new Promise<never>((_resolve, reject) => (fail = reject));
  // Seen by the race below; a failure after the load has ended is nobody's concern.
  failed.catch(() => undefined);

  /** Ends the command with `err`, after the owner has been told to drop `ids`' prompts (so the load fails there too). */
  const stop = async (err: Error, ids: string[]) => {
    if (stopped) return;
    stopped = err;
    await Promise.all(ids.map((id) => owner.call('cancelMfa', id).catch(() => undefined)));
    fail(err);
  };

  const ask = async (prompt: MfaPromptView, terminal: NonNullable<CliIo['terminal']>) => {
    const withdraw = new AbortController();
    asking = { id: prompt.id, withdraw };
    try {
      for (let attempt = 1; attempt <= TRIES; attempt++) {
        const code = await terminal.ask(`MFA code for ${prompt.mfaSerial} (${prompt.reason}): `, { signal: withdraw.signal });
        const problem = mfaCodeProblem(code);
        if (problem === undefined) {
          const answered = await owner.call('answerMfa', { id: prompt.id, code });
          // A prompt that ended meanwhile (answered in the window, expired) is not this command's failure: the load says how it ended.
          if (!answered.ok && open.some((p) => p.id === prompt.id)) await stop(new CliError(answered.error), []);
          return;
        }
        io.stderr(attempt < TRIES ? `${problem}; try again.\n` : `${problem}.\n`);
      }
      await stop(new CliError(`no MFA code was entered for ${prompt.mfaSerial}: ${TRIES} tries were not 6 digits`), [prompt.id]);
    } catch (err) {
      if (!(err instanceof PromptCancelledError)) throw err;
      if (err.why !== 'aborted') await stop(new CliError(`cancelled: no MFA code was entered for ${prompt.mfaSerial}`, 130), [prompt.id]);
    } finally {
      asking = undefined;
    }
  };

  const tellWhere = async (prompt: MfaPromptView) => {
    if (owner.owner.kind === 'app') {
      if (!toldWhere) io.stderr(`RoleTray asks for the MFA code for ${prompt.mfaSerial} (${prompt.reason}) in its window: enter it there, or run this on a terminal to be asked here (or set mfa_process in the profile in ~/.aws/config).\n`);
      toldWhere = true;
      return;
    }
    // `serve` has no window: nobody could answer, so the load is not left waiting minutes for nothing.
    await stop(
      new CliError(`an MFA code for ${prompt.mfaSerial} is needed (${prompt.reason}), and there is no terminal here to ask for it, nor a window in \`roletray serve\`: run roletray load on a terminal, or set mfa_process in the profile in ~/.aws/config`),
      [prompt.id],
    );
  };

  const next = () => {
    if (asking || stopped) return;
    const prompt = queue.shift();
    if (!prompt) return;
    const answering = io.terminal ? ask(prompt, io.terminal) : tellWhere(prompt);
    void answering.then(next, (err: Error) => stop(err, []));
  };

  const unsubscribe = owner.onState((state) => {
    const ours = chainProfiles(state, start);
    open = state.mfaPrompts.filter((p) => ours.has(p.profileName));
    if (asking && !open.some((p) => p.id === asking!.id)) asking.withdraw.abort();
    for (const prompt of open) {
      if (handled.has(prompt.id)) continue;
      handled.add(prompt.id);
      queue.push(prompt);
    }
    next();
  });
  void io.stopSignal().then((signal) => stop(new CliError(`stopped (${signal})${open.length > 0 ? ': the MFA code was not entered' : ''}`, 130), open.map((p) => p.id)));

  try {
    return await Promise.race([work(), failed]);
  } catch (err) {
    // The owner's own answer to a cancelled prompt may arrive first: the reason is this command's.
    throw stopped ?? err;
  } finally {
    unsubscribe();
    asking?.withdraw.abort();
  }
}
