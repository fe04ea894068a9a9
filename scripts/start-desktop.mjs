// `npm start`: runs the desktop app with Electron's binary, fetching it first as Electron 45 does on
// first use. When it cannot be fetched, RoleTray says what failed and what works without it, instead
// of Electron's stack trace that says to delete node_modules/electron (which would not help).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const pathFile = join(electronDir, 'path.txt');
const installed = () => existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8')));

if (!installed()) {
  process.stdout.write("Fetching Electron's binary (first start only)…\n");
  const fetch = spawnSync(process.execPath, [join(electronDir, 'install.js')], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
  if (fetch.status !== 0 || !installed()) {
    const lines = (fetch.stderr ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
    // @electron/get prints a stack; its first line says what failed ("TypeError: fetch failed", "HTTPError: 404 …").
    const reason = lines.find((l) => !l.startsWith('at ')) ?? `the download ended with status ${fetch.status}`;
    const mirror = process.env.ELECTRON_MIRROR ? ` from ${process.env.ELECTRON_MIRROR}` : '';
    process.stderr.write(
      [
        `RoleTray could not start: Electron's binary could not be downloaded${mirror} (${reason}).`,
        'If this machine reaches the internet only through a mirror, set ELECTRON_MIRROR to its Electron',
        'download address and run npm start again.',
        'Without Electron, the same RoleTray runs headless: npm run serve (the credential server and the',
        'roletray command line), or npm run dev:web (the window in your browser, against a local stand-in).',
        '',
      ].join('\n'),
    );
    process.exit(1);
  }
}

const child = spawn(join(electronDir, 'dist', readFileSync(pathFile, 'utf8')), ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
