import { Writable } from 'node:stream';

/** The person at the keyboard: how a command asks for what must never be an argument (a secret key, an MFA code). */
export interface Terminal {
  /**
   * Prints `question` and resolves with the line typed, trimmed; `hidden` input is not echoed.
   * Rejects with PromptCancelledError on Ctrl-C, at end of input (Ctrl-D), or when `signal` aborts.
   */
  ask(question: string, options?: { hidden?: boolean; signal?: AbortSignal }): Promise<string>;
}

export class PromptCancelledError extends Error {
  constructor(readonly why: 'interrupted' | 'ended' | 'aborted') {
    super(`the question was ${why === 'aborted' ? 'withdrawn' : why}`);
    this.name = 'PromptCancelledError';
  }
}

/**
 * The process's own terminal: the question on stderr (stdout stays the command's output, `--json`
 * included), the answer from stdin in raw mode. Hidden input goes through a writable that drops
 * everything readline echoes after the question, as `read`'s mute-stream does.
 */
export function processTerminal(input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Terminal {
  return {
    ask: (question, options = {}) =>
      new Promise((resolve, reject) => {
        if (options.signal?.aborted) return reject(new PromptCancelledError('aborted'));
        let muted = false;
        const sink = new Writable({
          write(chunk, _encoding, done) {
            if (!muted) output.write(chunk);
            done();
          },
        });
        // Taken when a question is asked: readline (with its history and keypress modules) is a
        // good part of Node's own modules `serve` would otherwise load at every start.
        const rl = process.getBuiltinModule('node:readline').createInterface({ input, output: sink, terminal: true });
        let settled = false;
        const finish = (settle: () => void) => {
          if (settled) return;
          settled = true;
          options.signal?.removeEventListener('abort', onAbort);
          rl.close();
          settle();
        };
        const cancel = (why: PromptCancelledError['why']) => () =>
          finish(() => {
            output.write('\n');
            reject(new PromptCancelledError(why));
          });
        const onAbort = cancel('aborted');
        // In raw mode Ctrl-C reaches readline, not the process: readline says so with this event.
        rl.on('SIGINT', cancel('interrupted'));
        rl.on('close', cancel('ended'));
        rl.question(question, (answer) =>
          finish(() => {
            if (muted) output.write('\n');
            resolve(answer.trim());
          }),
        );
        muted = options.hidden === true;
        options.signal?.addEventListener('abort', onAbort, { once: true });
      }),
  };
}
