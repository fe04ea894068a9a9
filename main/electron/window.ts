import { BrowserWindow, shell, type Session } from 'electron';
import { describeFailure, isPageFailure, PageRecovery, type PageFailure } from '../shell/page-recovery';
import { allowPermission } from '../shell/window-permissions';

export interface WindowOptions {
  preload: string;
  /** The page: roletray://app/index.html, or the Vite dev server in development. */
  pageUrl: string;
  icon: string;
  /** The session the page's protocol handler and permission answers are registered on. */
  session: Session;
  isAppPage: (url: string | undefined) => boolean;
  /** The page failed again after one reload: the person must be told, the window shows nothing useful. */
  onBroken: (message: string) => void;
  log: (message: string, fields: Record<string, unknown>) => void;
}

/**
 * The one window, locked down: isolated, sandboxed, no Node, no navigation away from the app, no
 * new windows, only the clipboard permission its Copy buttons need. Closing hides it (the app
 * lives in the tray) unless the app is quitting. A page that fails to load or whose renderer dies
 * is reloaded once.
 */
export function createMainWindow(options: WindowOptions, isQuitting: () => boolean): BrowserWindow {
  const { session, isAppPage } = options;
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(allowPermission(permission, details.requestingUrl, isAppPage)));
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allowPermission(permission, requestingOrigin, isAppPage));
  const win = new BrowserWindow({
    width: 1040,
    height: 720,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'RoleTray',
    icon: options.icon,
    webPreferences: {
      preload: options.preload,
      session,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppPage(url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links leave the app only through the system browser, and only https.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });

  const recovery = new PageRecovery();
  const failed = (failure: PageFailure) => {
    if (!isPageFailure(failure)) return;
    options.log('window page failed', { ...failure });
    if (recovery.failed() === 'reload') win.webContents.reload();
    else options.onBroken(`${describeFailure(failure)} Quit RoleTray and start it again; the log has the details.`);
  };
  win.webContents.on('did-finish-load', () => recovery.loaded());
  win.webContents.on('did-fail-load', (_event, code, description, _url, isMainFrame) => {
    if (isMainFrame) failed({ kind: 'load-failed', code, description });
  });
  win.webContents.on('render-process-gone', (_event, details) => failed({ kind: 'gone', reason: details.reason }));

  win.on('close', (event) => {
    if (isQuitting()) return;
    event.preventDefault();
    win.hide();
  });
  void win.loadURL(options.pageUrl);
  return win;
}

/** Brings the window to the person: out of the Dock or taskbar if minimized, in front, focused. */
export function revealWindow(win: BrowserWindow, platform: NodeJS.Platform, app: Pick<Electron.App, 'focus'>): void {
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
  // A menu-bar app is not the active app when its tray is clicked: without stealing, the window opens behind others.
  if (platform === 'darwin') app.focus({ steal: true });
}
