// The `roletray` program: runs the command line against the real process.
import { processIo, run } from './commands';

process.exitCode = await run(process.argv.slice(2), processIo());
