// The `roletray` program: runs the command line against the real process.
import { processIo, run } from './cli';

process.exitCode = await run(process.argv.slice(2), processIo());
