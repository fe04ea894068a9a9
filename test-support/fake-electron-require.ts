// The entry for `node --require <bundle of this file>` before the bundled Electron main
// (dist/main/app.cjs): require('electron') answers with the typed stand-in, so the real bundle
// can start, serve and quit in plain Node. e2e/electron-bundle.test.ts bundles it with esbuild.
import Module from 'node:module';
import { electron, fake } from './fake-electron';

const ID = 'roletray-fake-electron';
const modules = Module as unknown as {
  _resolveFilename(request: string, ...rest: unknown[]): string;
  _cache: Record<string, Module>;
};
const resolve = modules._resolveFilename;
modules._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  return request === 'electron' ? ID : resolve.call(this, request, ...rest);
};
const stand = new Module(ID);
stand.exports = electron;
stand.loaded = true;
modules._cache[ID] = stand;

const env = process.env;
fake.configure({ userData: env.FAKE_ELECTRON_USER_DATA!, home: env.HOME!, logs: env.FAKE_ELECTRON_LOGS!, exitOnQuit: true });
// Electron is ready once the main script has run.
setImmediate(() => fake.becomeReady());
// The app quits from its tray; a test stops it with SIGTERM, which goes the same way.
process.on('SIGTERM', () => electron.app.quit());
