// The composition root: the only place that builds the real objects and hands them to each other.
// Everything it wires is plain TypeScript tested in Node; this file only binds it to Electron.
import { app, clipboard, Notification, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AlertPolicy } from '../app/alerts';
import { createAppCore, type AppCore } from '../app/app-core';
import { jsonLog, levelFrom } from '../log';
import { awsConfigPath } from '../sso/aws-config-import';
import { runTrayAction } from '../tray/tray-actions';
import { trayMenu } from '../tray/tray-menu';
import { registerIpc } from './ipc';
import { openAppSecrets } from './secrets';
import { openAppSettings } from './settings';
import { AppTray } from './tray';
import { createMainWindow } from './window';

const root = join(__dirname, '..', '..');
const assets = join(root, 'assets');
// Development only: the Vite dev server. A packaged app always loads its own files.
const devServer = !app.isPackaged ? process.env.ROLETRAY_DEV_SERVER_URL : undefined;
const pageUrl = devServer ?? pathToFileURL(join(root, 'dist', 'renderer', 'index.html')).href;

const log = jsonLog((line) => process.stderr.write(line), levelFrom(process.env));

let quitting = false;

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  if (process.platform === 'darwin') app.dock?.hide();

  const userData = app.getPath('userData');
  const secrets = openAppSecrets(userData);
  const settings = await openAppSettings(userData);
  const core: AppCore = createAppCore({
    configDir: userData,
    secrets: secrets.store,
    secretsAvailable: secrets.available,
    settings,
    awsConfigFile: awsConfigPath(process.env, app.getPath('home')),
    openExternal: (url) => shell.openExternal(url),
    ...(process.env.ROLETRAY_FEDERATION_URL ? { federationUrl: process.env.ROLETRAY_FEDERATION_URL } : {}),
    // The verification page opens in the person's browser; only an https link is ever handed to the OS.
    onSignInPrompt: (prompt) => {
      if (prompt.verificationUriComplete.startsWith('https://')) void shell.openExternal(prompt.verificationUriComplete);
    },
    log,
  });
  await core.start();

  const win = createMainWindow({ preload: join(root, 'dist', 'preload.cjs'), pageUrl, icon: join(assets, 'icon.png') }, () => quitting);
  const showWindow = () => {
    win.show();
    win.focus();
  };
  app.on('second-instance', showWindow);
  registerIpc(core, win, pageUrl, (m) => log.error(m));

  const tray = new AppTray(join(assets, 'tray'), (action) => {
    void runTrayAction(action, core.ops, core.state(), {
      copy: (text) => clipboard.writeText(text),
      showWindow,
      quit: () => app.quit(),
      platform: process.platform,
    }).then((result) => {
      if (!result.ok && Notification.isSupported()) new Notification({ title: 'RoleTray', body: result.error }).show();
    });
  });

  const alerts = new AlertPolicy();
  const applyLoginItem = (open: boolean) => {
    if (app.getLoginItemSettings().openAtLogin !== open) app.setLoginItemSettings({ openAtLogin: open });
  };
  const onState = () => {
    const state = core.state();
    tray.show(state, Date.now());
    applyLoginItem(state.settings.startAtLogin);
    if (!state.settings.notifications || !Notification.isSupported()) return;
    for (const alert of alerts.next(state, Date.now())) new Notification(alert).show();
  };
  core.subscribe(onState);
  tray.follow(() => core.state(), Date.now);
  onState();
  // Readiness marker, and (test mode only) the tray model, for the Electron end-to-end tests.
  log.info('ready', { server: core.state().server.url });
  if (process.env.ROLETRAY_E2E === '1') {
    (globalThis as { roletrayTestHooks?: unknown }).roletrayTestHooks = { trayModel: () => trayMenu(core.state(), Date.now()) };
  }

  app.on('window-all-closed', () => {
    // A tray app keeps running with its window closed.
  });
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    tray.destroy();
    void core.stop().finally(() => app.quit());
  });
}

main().catch((err: Error) => {
  log.error('RoleTray failed to start', { reason: err.message });
  app.exit(1);
});
