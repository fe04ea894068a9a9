import type { CliIo } from './io';
import { PromptCancelledError, type Terminal } from './terminal';

/** A CliIo that records what a command printed, for tests of the command handlers. */
export function recordingIo(env: NodeJS.ProcessEnv = {}, stdin = '', terminal?: Terminal): CliIo & { out: string; err: string } {
  const io = {
    env,
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
    readStdin: async () => stdin,
    stopSignal: () => new Promise<string>(() => undefined),
    ...(terminal ? { terminal } : {}),
  };
  return io;
}

export interface Asked {
  question: string;
  hidden: boolean;
  signal?: AbortSignal;
}

/** What the person does at one question: types a line, or something the function does (Ctrl-C, waiting). */
export type Reply = string | ((asked: Asked) => Promise<string>);

/** Ctrl-C at the question. */
export const ctrlC = async (): Promise<string> => {
  throw new PromptCancelledError('interrupted');
};

/** Types nothing until the question is withdrawn (its signal aborts). */
export const untilWithdrawn = (asked: Asked): Promise<string> =>
  new Promise((_resolve, reject) => asked.signal?.addEventListener('abort', () => reject(new PromptCancelledError('aborted')), { once: true }));

/** A terminal whose person replies in order; past the last reply, input has ended (Ctrl-D). */
export function scriptedTerminal(replies: Reply[]): Terminal & { asked: Asked[] } {
  const queue = [...replies];
  const asked: Asked[] = [];
  return {
    asked,
    ask: async (question, options = {}) => {
      const entry: Asked = { question, hidden: options.hidden === true, ...(options.signal ? { signal: options.signal } : {}) };
      asked.push(entry);
      const reply = queue.shift();
      if (reply === undefined) throw new PromptCancelledError('ended');
      return typeof reply === 'string' ? reply : reply(entry);
    },
  };
}
