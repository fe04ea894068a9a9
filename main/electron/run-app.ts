// The composition root: the only place that builds the real objects and hands them to each other.
// Everything it wires is plain TypeScript tested in Node; this file only binds it to Electron.
import { app, clipboard, dialog, Menu, Notification, powerMonitor, protocol, session, shell, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { Notice } from '../../preload/api';
import { AlertPolicy, nextAlertChange } from '../app/alerts';
import { createAppCore, type AppCore } from '../app/app-core';
import { isAppPage } from '../app/ipc-door';
import { ControlServer, coreTarget } from '../control/control-server';
import { jsonLog, levelFrom } from '../log';
import { logFile } from '../log-file';
import { autostartFile, launchPath, setAutostart } from '../shell/autostart';
import { cliLinkDir, linkCli, windowsCliAdvice } from '../shell/cli-link';
import { desktopState } from '../shell/port-advice';
import { APP_PAGE_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createRendererProtocolHandler } from '../shell/renderer-protocol';
import { awsConfigPath } from '../sso/aws-config-import';
import { chooseSignInMethod } from '../sso/choose-sign-in';
import { DeadlineTimer } from '../tray/deadline-timer';
import { MfaPromptWatch, mfaNotification } from '../tray/mfa-prompt-watch';
import { runTrayAction, type ShellEffects } from '../tray/tray-actions';
import { nextTrayChange } from '../tray/tray-deadline';
import { trayMenu } from '../tray/tray-menu';
import { registerIpc } from './ipc';
import { openAppSecrets } from './secrets';
import { openAppSettings } from './settings';
import { AppTray } from './tray';
import { createMainWindow, revealWindow } from './window';

/** The app id of electron-builder.yml: Windows files notifications and the taskbar entry under it. */
export const APP_ID = 'dev.roletray.app';

/** The facts of the process the app runs in; a test passes its own. */
export interface Host {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  execPath: string;
  /** Electron's process.resourcesPath: a packaged app's command-line tool is in its bin/. */
  resourcesPath: string | undefined;
  /** The folder holding dist/ and assets/. */
  root: string;
  /** The wall clock, which (unlike timers) counts the time the machine slept. */
  now: () => number;
  /** Where log lines go besides the log file: the process's stderr. */
  stderr: (text: string) => void;
}

const earliest = (...times: (number | undefined)[]) => {
  const known = times.filter((t) => t !== undefined);
  return known.length ? Math.min(...known) : undefined;
};

export function runApp(host: Host): void {
  const { platform, env, root } = host;
  const packaged = app.isPackaged;
  // Development and test hooks; an installed app ignores them all.
  const devServer = packaged ? undefined : env.ROLETRAY_DEV_SERVER_URL;
  const federationUrl = packaged ? undefined : env.ROLETRAY_FEDERATION_URL;
  const testHooks = !packaged && env.ROLETRAY_E2E === '1';
  const pageUrl = devServer ?? APP_PAGE_URL;
  const isApp = (url: string | undefined) => isAppPage(url, pageUrl);
  const sinks: ((line: string) => void)[] = [(line) => host.stderr(line)];
  const log = jsonLog((line) => sinks.forEach((sink) => sink(line)), levelFrom(env));

  // Only before `ready` does Chromium take roletray: as a standard, secure scheme with fetch.
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let win: BrowserWindow | undefined;
  let revealWanted = false;
  const reveal = () => {
    if (win) revealWindow(win, platform, app);
    else revealWanted = true;
  };
  // Before anything slow: a second launch while this one starts must still bring the window.
  app.on('second-instance', reveal);
  app.on('activate', reveal);
  app.on('window-all-closed', () => {
    // A tray app keeps running with its window closed.
  });

  let logsDir: string | undefined;
  start().catch((err: Error) => {
    log.error('RoleTray failed to start', { name: err.name, reason: err.message });
    dialog.showErrorBox('RoleTray could not start', `${err.message}${logsDir ? `\n\nThe log is in ${logsDir}.` : ''}`);
    app.exit(1);
  });

  async function start(): Promise<void> {
    await app.whenReady();
    // No default menu: it offers DevTools and reload to anyone at the keyboard.
    Menu.setApplicationMenu(null);
    if (platform === 'win32') app.setAppUserModelId(APP_ID);
    if (platform === 'darwin') app.dock?.hide();
    logsDir = app.getPath('logs');
    const dir = logsDir;
    sinks.push(logFile({ dir, onError: (err) => host.stderr(`RoleTray cannot write its log in ${dir}: ${err.message}\n`) }));

    const ses = session.defaultSession;
    const renderer = createRendererProtocolHandler(join(root, 'dist', 'renderer'), { onRefused: (refusal) => log.warn('renderer request refused', { ...refusal }) });
    ses.protocol.handle(APP_SCHEME, renderer);

    const userData = app.getPath('userData');
    // Claimed before anything reads the directory: one owner (this app, or `roletray serve`) per directory.
    const control = await ControlServer.claim(userData, {
      kind: 'app',
      advice: 'Stop it first (the command line works with either), then start RoleTray again.',
      log: (m) => log.error(m),
    });
    const secrets = await openAppSecrets(userData, platform);
    const settings = await openAppSettings(userData);
    const cli = packaged && host.resourcesPath ? join(host.resourcesPath, 'bin', platform === 'win32' ? 'roletray.exe' : 'roletray') : undefined;
    const core: AppCore = createAppCore({
      configDir: userData,
      now: host.now,
      secrets: secrets.store,
      secretsAvailable: secrets.available,
      ...(secrets.problem ? { secretsProblem: secrets.problem } : {}),
      settings,
      awsConfigFile: awsConfigPath(env, app.getPath('home')),
      env,
      openExternal: (url) => shell.openExternal(url),
      // In the person's browser on this desktop, unless this session is remote or has no display.
      signInMethod: chooseSignInMethod(env, platform),
      ...(federationUrl ? { federationUrl } : {}),
      ...(cli ? { cliCommand: cli } : {}),
      // The verification page opens in the person's browser; only an https link is ever handed to the OS.
      onSignInPrompt: (prompt) => {
        if (prompt.verificationUriComplete.startsWith('https://')) void shell.openExternal(prompt.verificationUriComplete);
      },
      log,
    });
    await core.start();
    // The command line (`roletray load`, `login`, …) reaches this core from here on, through the same door as the window.
    control.serve(coreTarget(core, (m) => log.error(m)));

    // Shown notifications, held until closed: one that nothing references may lose its click (Windows).
    const shown = new Set<Notification>();
    /** Always in the window's notices and the log; a notification too where the system shows them, which `onClick` answers. */
    const tell = (level: Notice['level'], title: string, message: string, notification = true, onClick?: () => void) => {
      core.notice(level, message);
      if (level !== 'error') log[level === 'warning' ? 'warn' : 'info'](message, { title });
      if (!notification || !Notification.isSupported()) return;
      const shownNow = new Notification({ title, body: message });
      if (onClick) {
        shown.add(shownNow);
        shownNow.on('click', onClick);
        shownNow.on('close', () => shown.delete(shownNow));
      }
      shownNow.show();
    };

    let quitting = false;
    win = createMainWindow(
      {
        preload: join(root, 'dist', 'preload.cjs'),
        pageUrl,
        icon: join(root, 'assets', 'icon.png'),
        session: ses,
        isAppPage: isApp,
        onBroken: (message) => {
          tell('error', 'RoleTray', message);
          void dialog.showMessageBox({ type: 'error', title: 'RoleTray', message });
        },
        log: (message, fields) => log.error(message, fields),
      },
      () => quitting,
    );
    const window = win;
    registerIpc(core, window, isApp, (m) => log.error(m));

    const effects: ShellEffects = {
      copy: (text) => clipboard.writeText(text),
      showWindow: (screen) => {
        reveal();
        if (screen) void window.loadURL(`${pageUrl}#${screen}`);
      },
      revealLogs: () => shell.showItemInFolder(join(dir, 'roletray.log')),
      installCli: async () => {
        if (!cli) return { ok: false, error: 'Only an installed RoleTray ships the command-line tool.' };
        if (platform === 'win32') {
          tell('info', 'RoleTray', windowsCliAdvice(cli), false);
          return { ok: true, value: undefined };
        }
        const linked = await linkCli(cli, cliLinkDir(app.getPath('home')), env.PATH);
        if (linked.ok) tell('info', 'RoleTray', linked.value, false);
        return linked;
      },
      quit: () => app.quit(),
      platform,
    };
    const trayOptions = { installCli: cli !== undefined };
    const tray = new AppTray(join(root, 'assets', 'tray'), platform, trayOptions, (action) => {
      void runTrayAction(action, core.ops, core.state(), effects).then((result) => {
        if (!result.ok) tell('error', 'RoleTray', result.error);
      });
    });

    // Timers do not count sleep: on waking, refresh what came due meanwhile.
    powerMonitor.on('resume', () => core.wake());
    powerMonitor.on('unlock-screen', () => core.wake());

    const applyStartAtLogin = async (on: boolean) => {
      // An unpackaged run would register the bare Electron binary, which starts no RoleTray.
      if (!packaged) return log.info('start at login applies to the installed app only');
      if (platform === 'linux') await setAutostart(autostartFile(env, app.getPath('home')), on ? launchPath(env, host.execPath) : undefined);
      else app.setLoginItemSettings({ openAtLogin: on });
    };
    const startAtLogin = (on: boolean) =>
      applyStartAtLogin(on).catch((err: Error) => tell('error', 'RoleTray', `Start at login could not be turned ${on ? 'on' : 'off'}: ${err.message}`));
    let atLogin = settings.get().startAtLogin;
    // An AppImage may have moved since the entry was written: point it at where it is now.
    if (atLogin && platform === 'linux') void startAtLogin(true);

    const alerts = new AlertPolicy();
    const timer = new DeadlineTimer({
      now: host.now,
      setTimer: (callback, ms) => setTimeout(callback, ms),
      clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
      next: (now) => {
        const state = core.state();
        return earliest(nextTrayChange(state, now), nextAlertChange(state, now));
      },
      draw: (now) => {
        const state = desktopState(core.state());
        tray.show(state, now);
        for (const alert of alerts.next(state, now)) {
          const signIn = alert.signIn;
          // A click on "Sign in again" does it: the window comes forward with the sign-in started (the browser, or its code).
          const onClick = signIn
            ? () => {
                reveal();
                void core.ops.signIn(signIn).then((result) => {
                  if (!result.ok) tell('error', 'RoleTray', result.error);
                });
              }
            : undefined;
          tell('warning', alert.title, alert.body, state.settings.notifications, onClick);
        }
      },
    });
    // A code RoleTray waits for (a load from the command line, a refresh in the background): the window has its dialog.
    const prompts = new MfaPromptWatch();
    core.subscribe((state) => {
      for (const prompt of prompts.arrived(state)) {
        reveal();
        const { title, body } = mfaNotification(prompt);
        log.info(body, { title });
        if (state.settings.notifications && Notification.isSupported()) new Notification({ title, body }).show();
      }
      if (state.settings.startAtLogin !== atLogin) {
        atLogin = state.settings.startAtLogin;
        void startAtLogin(atLogin);
      }
      timer.update();
    });
    timer.update();

    // First run (no IAM Identity Center yet) or a launch while starting: the person needs the window.
    if (revealWanted || core.state().sso.length === 0) reveal();
    // Readiness marker, and (test mode only) the tray model, for the Electron end-to-end tests.
    log.info('ready', { server: core.state().server.url });
    if (testHooks) {
      (globalThis as { roletrayTestHooks?: unknown }).roletrayTestHooks = { trayModel: () => trayMenu(desktopState(core.state()), host.now(), trayOptions) };
    }

    app.on('before-quit', (event) => {
      if (quitting) return;
      quitting = true;
      event.preventDefault();
      timer.stop();
      tray.destroy();
      void control
        .close()
        .then(() => core.stop())
        .finally(() => app.quit());
    });
  }
}
