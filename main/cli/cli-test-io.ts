import type { CliIo } from './io';

/** A CliIo that records what a command printed, for tests of the command handlers. */
export function recordingIo(env: NodeJS.ProcessEnv = {}, stdin = ''): CliIo & { out: string; err: string } {
  const io = {
    env,
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
    readStdin: async () => stdin,
    stopSignal: () => new Promise<string>(() => undefined),
  };
  return io;
}
