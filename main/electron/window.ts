import { BrowserWindow, session, shell } from 'electron';
import { isAppPage } from '../app/ipc-door';

export interface WindowOptions {
  preload: string;
  /** The page: the built renderer's file URL, or the Vite dev server in development. */
  pageUrl: string;
  icon: string;
}

/**
 * The one window, locked down: isolated, sandboxed, no Node, no navigation, no new windows, no
 * permissions. Closing hides it (the app lives in the tray) unless the app is quitting.
 */
export function createMainWindow(options: WindowOptions, isQuitting: () => boolean): BrowserWindow {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
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
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppPage(url, options.pageUrl)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links leave the app only through the system browser, and only https.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.on('close', (event) => {
    if (isQuitting()) return;
    event.preventDefault();
    win.hide();
  });
  void win.loadURL(options.pageUrl);
  return win;
}
