// The `roletray` program as the shipped executable runs it: a Node single executable application
// runs one CommonJS script, which has no top-level await, so the exit code is set when run() settles.
import { processIo, run } from './commands';

void run(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
