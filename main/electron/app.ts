// The desktop app's entry (bundled to dist/main/app.cjs): the composition root, run with this process's facts.
import { join } from 'node:path';
import { runApp } from './run-app';

runApp({
  platform: process.platform,
  env: process.env,
  execPath: process.execPath,
  resourcesPath: process.resourcesPath,
  root: join(__dirname, '..', '..'),
  now: Date.now,
  stderr: (text) => void process.stderr.write(text),
});
