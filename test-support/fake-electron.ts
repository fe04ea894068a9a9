// A stand-in for the `electron` module, so the composition root runs in plain Node where no
// Electron binary exists. Every piece is checked against node_modules/electron/electron.d.ts
// (`satisfies` / `implements` the real types), so an Electron API change the shell relies on is a
// type error in `npx tsc -b`, not a fake that quietly keeps the old shape. It behaves as Electron 45
// does where the shell depends on it (no window before `ready`, a Promise from clipboard.writeText,
// Windows-only setAppUserModelId, Linux-only getSelectedStorageBackend), keeps every listener so
// a test can emit events, and records what the shell asked for. No side effects on import.
import type * as E from 'electron';

type Listener = (...args: any[]) => void;
/**
 * The named methods of T with their real parameters (of the last overload, for `on`); what they
 * return is the fake's own object (`this` of an Electron emitter is the real class).
 */
type Calls<T, K extends keyof T> = { [P in K]: T[P] extends (...args: infer A) => unknown ? (...args: A) => unknown : never };
type Platform = 'linux' | 'darwin' | 'win32';

export interface FakeOptions {
  platform: Platform;
  userData: string;
  home: string;
  logs: string;
  isPackaged: boolean;
  /** What safeStorage.getSelectedStorageBackend answers on Linux. */
  storageBackend: ReturnType<E.SafeStorage['getSelectedStorageBackend']>;
  /** The reason clipboard.writeText rejects with, when it should. */
  clipboardFailure?: string;
  /** The bundle smoke test runs the app as its own process: quitting ends it, as in Electron. */
  exitOnQuit: boolean;
}

class Emitter {
  readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    const once: Listener = (...args) => {
      this.removeListener(event, once);
      listener(...args);
    };
    return this.on(event, once);
  }

  removeListener(event: string, listener: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener));
    return this;
  }

  /** Calls every listener, as Electron does when the event happens; false if none listens. */
  emit(event: string, ...args: unknown[]): boolean {
    const listeners = [...(this.listeners.get(event) ?? [])];
    for (const listener of listeners) listener(...args);
    return listeners.length > 0;
  }
}

function preventable(): { preventDefault(): void; defaultPrevented: boolean } {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

/** Everything the shell asked of Electron, for tests to assert on. */
export interface Recorded {
  privilegedSchemes: E.CustomScheme[];
  protocolHandlers: Map<string, (request: Request) => Response | Promise<Response>>;
  permissionRequest?: Parameters<E.Session['setPermissionRequestHandler']>[0];
  permissionCheck?: Parameters<E.Session['setPermissionCheckHandler']>[0];
  windows: FakeBrowserWindow[];
  trays: FakeTray[];
  ipcHandlers: Map<string, (event: E.IpcMainInvokeEvent, ...args: any[]) => unknown>;
  /** Each clipboard write, once Electron would have finished it. */
  clipboard: string[];
  notifications: E.NotificationConstructorOptions[];
  /** The notifications shown, to click. */
  shownNotifications: FakeNotification[];
  errorBoxes: { title: string; content: string }[];
  messageBoxes: E.MessageBoxOptions[];
  applicationMenu: unknown[];
  appUserModelId?: string;
  loginItems: E.Settings[];
  focused: (E.FocusOptions | undefined)[];
  dockHidden: boolean;
  opened: { external: string[]; paths: string[]; shownInFolder: string[] };
  quit: boolean;
  exitCode?: number;
}

const options: FakeOptions = {
  platform: 'linux',
  userData: '',
  home: '',
  logs: '',
  isPackaged: true,
  storageBackend: 'gnome_libsecret',
  exitOnQuit: false,
};

const record: Recorded = {
  privilegedSchemes: [],
  protocolHandlers: new Map(),
  windows: [],
  trays: [],
  ipcHandlers: new Map(),
  clipboard: [],
  notifications: [],
  shownNotifications: [],
  errorBoxes: [],
  messageBoxes: [],
  applicationMenu: [],
  loginItems: [],
  focused: [],
  dockHidden: false,
  opened: { external: [], paths: [], shownInFolder: [] },
  quit: false,
};

let ready = false;
let readyResolve: () => void;
const readyPromise = new Promise<void>((resolve) => (readyResolve = resolve));

function requireReady(what: string): void {
  if (!ready) throw new Error(`${what} cannot be used before the app is ready`);
}

function notOn(platform: Platform, name: string): never {
  throw new TypeError(`app.${name} is not a function (it exists only on ${platform})`);
}

class FakeApp extends Emitter implements Calls<E.App, 'on' | 'once'>, Pick<E.App, 'whenReady' | 'isReady' | 'requestSingleInstanceLock' | 'getPath' | 'getVersion' | 'getName' | 'quit' | 'exit' | 'focus' | 'setAppUserModelId' | 'setLoginItemSettings'> {
  get isPackaged(): boolean {
    return options.isPackaged;
  }

  get dock(): Pick<E.Dock, 'hide'> | undefined {
    if (options.platform !== 'darwin') return undefined;
    return {
      hide: () => {
        record.dockHidden = true;
      },
    };
  }

  whenReady(): Promise<void> {
    return readyPromise;
  }

  isReady(): boolean {
    return ready;
  }

  requestSingleInstanceLock(): boolean {
    return true;
  }

  getPath(name: Parameters<E.App['getPath']>[0]): string {
    if (name === 'home') return options.home;
    if (name === 'logs') return options.logs;
    if (name === 'userData') return options.userData;
    throw new Error(`the fake has no path "${name}"`);
  }

  getVersion(): string {
    return '0.0.0';
  }

  getName(): string {
    return 'RoleTray';
  }

  quit(): void {
    const event = preventable();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    this.emit('will-quit', preventable());
    record.quit = true;
    if (options.exitOnQuit) process.exit(0);
  }

  exit(exitCode = 0): void {
    record.exitCode = exitCode;
    if (options.exitOnQuit) process.exit(exitCode);
  }

  focus(focusOptions?: E.FocusOptions): void {
    record.focused.push(focusOptions);
  }

  setAppUserModelId(id: string): void {
    if (options.platform !== 'win32') notOn('win32', 'setAppUserModelId');
    record.appUserModelId = id;
  }

  setLoginItemSettings(settings: E.Settings): void {
    if (options.platform === 'linux') throw new Error('login items are macOS and Windows only');
    record.loginItems.push(settings);
  }
}

class FakeWebContents extends Emitter implements Calls<E.WebContents, 'on'>, Pick<E.WebContents, 'send' | 'setWindowOpenHandler' | 'reload' | 'getURL'> {
  readonly sent: [string, unknown][] = [];
  openHandler?: Parameters<E.WebContents['setWindowOpenHandler']>[0];
  reloads = 0;
  url = '';

  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, args[0]]);
  }

  setWindowOpenHandler(handler: Parameters<E.WebContents['setWindowOpenHandler']>[0]): void {
    this.openHandler = handler;
  }

  reload(): void {
    this.reloads++;
    this.load(this.url);
  }

  /** Loads the page as Chromium would: through the scheme's registered handler, then did-finish-load or did-fail-load. */
  load(url: string): void {
    const same = this.url !== '' && url.split('#')[0] === this.url.split('#')[0] && url !== this.url;
    this.url = url;
    // A fragment change is a same-document navigation: nothing is fetched again.
    if (same) return void setImmediate(() => this.emit('did-navigate-in-page', preventable(), url, true));
    const handler = record.protocolHandlers.get(new URL(url).protocol.replace(/:$/, ''));
    setImmediate(async () => {
      const status = handler ? (await handler(new Request(url))).status : 200;
      if (status === 200) this.emit('did-finish-load', preventable());
      else this.emit('did-fail-load', preventable(), -6, 'ERR_FILE_NOT_FOUND', url, true);
    });
  }

  getURL(): string {
    return this.url;
  }

  /** A navigation attempt: whether the shell let it happen. */
  navigate(url: string): boolean {
    const event = preventable();
    this.emit('will-navigate', event, url);
    return !event.defaultPrevented;
  }
}

export class FakeBrowserWindow extends Emitter implements Calls<E.BrowserWindow, 'on'>, Pick<E.BrowserWindow, 'loadURL' | 'show' | 'hide' | 'focus' | 'restore' | 'minimize' | 'isMinimized' | 'isVisible' | 'isDestroyed'> {
  readonly webContents = new FakeWebContents();
  readonly shows: string[] = [];
  visible = false;
  minimized = false;
  focused = false;
  url?: string;

  constructor(readonly options: E.BrowserWindowConstructorOptions) {
    super();
    requireReady('BrowserWindow');
    this.visible = options.show ?? true;
    record.windows.push(this);
  }

  async loadURL(url: string): Promise<void> {
    this.url = url;
    this.webContents.load(url);
  }

  show(): void {
    this.visible = true;
    this.minimized = false;
    this.shows.push('show');
  }

  hide(): void {
    this.visible = false;
    this.focused = false;
  }

  focus(): void {
    this.focused = true;
  }

  restore(): void {
    this.minimized = false;
    this.visible = true;
  }

  minimize(): void {
    this.minimized = true;
    this.focused = false;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  isVisible(): boolean {
    return this.visible;
  }

  isDestroyed(): boolean {
    return false;
  }

  /** The person closes the window: whether it stayed open. */
  close(): boolean {
    const event = preventable();
    this.emit('close', event);
    if (!event.defaultPrevented) this.visible = false;
    return event.defaultPrevented;
  }
}
FakeBrowserWindow satisfies new (options: E.BrowserWindowConstructorOptions) => unknown;

export class FakeMenu {
  constructor(readonly template: E.MenuItemConstructorOptions[]) {}
}

export class FakeTray extends Emitter implements Calls<E.Tray, 'on' | 'setImage' | 'setToolTip' | 'setTitle' | 'setContextMenu' | 'destroy'> {
  tooltip = '';
  title = '';
  menu?: E.MenuItemConstructorOptions[];
  destroyed = false;

  constructor(readonly image: E.NativeImage | string) {
    super();
    requireReady('Tray');
    record.trays.push(this);
  }

  setImage(): void {}

  setToolTip(toolTip: string): void {
    this.tooltip = toolTip;
  }

  setTitle(title: string): void {
    if (options.platform !== 'darwin') throw new Error('Tray.setTitle is macOS only');
    this.title = title;
  }

  setContextMenu(menu: E.Menu | null): void {
    this.menu = (menu as unknown as FakeMenu | null)?.template;
  }

  destroy(): void {
    this.destroyed = true;
  }
}
FakeTray satisfies new (image: E.NativeImage | string) => unknown;

/** A notification: what it said is recorded when shown; `click()` is the person clicking it, `close()` its going away. */
class FakeNotification extends Emitter implements Calls<E.Notification, 'on'>, Pick<E.Notification, 'show'> {
  constructor(readonly notification: E.NotificationConstructorOptions = {}) {
    super();
  }

  static isSupported(): boolean {
    return true;
  }

  show(): void {
    record.notifications.push(this.notification);
    record.shownNotifications.push(this);
  }

  click(): void {
    this.emit('click', { preventDefault: () => undefined });
  }

  close(): void {
    this.emit('close', { preventDefault: () => undefined });
  }
}
FakeNotification satisfies Pick<typeof E.Notification, 'isSupported'> & (new (options?: E.NotificationConstructorOptions) => unknown);

const protocolModule = {
  registerSchemesAsPrivileged(customSchemes: E.CustomScheme[]): void {
    if (ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    record.privilegedSchemes.push(...customSchemes);
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    requireReady('protocol.handle');
    if (record.protocolHandlers.has(scheme)) throw new Error(`the scheme "${scheme}" is already handled`);
    record.protocolHandlers.set(scheme, handler);
  },
} satisfies Pick<E.Protocol, 'registerSchemesAsPrivileged' | 'handle'>;

const defaultSession = {
  protocol: protocolModule,
  setPermissionRequestHandler(handler: Parameters<E.Session['setPermissionRequestHandler']>[0]): void {
    record.permissionRequest = handler;
  },
  setPermissionCheckHandler(handler: Parameters<E.Session['setPermissionCheckHandler']>[0]): void {
    record.permissionCheck = handler;
  },
} satisfies Pick<E.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & { protocol: Pick<E.Protocol, 'handle'> };

const sessionModule = {
  get defaultSession() {
    requireReady('session.defaultSession');
    return defaultSession;
  },
};

const app = new FakeApp();
class FakePowerMonitor extends Emitter implements Calls<E.PowerMonitor, 'on'> {}
const powerMonitor = new FakePowerMonitor();
// Decrypting needs the same key: a fixed byte mask stands in for the keychain's key.
const seal = (data: Buffer) => Buffer.from(data.map((b) => b ^ 0x5a));

/** The module the shell imports as `electron`. */
export const electron = {
  app,
  BrowserWindow: FakeBrowserWindow,
  Tray: FakeTray,
  Notification: FakeNotification,
  Menu: {
    buildFromTemplate: (template: (E.MenuItemConstructorOptions | E.MenuItem)[]) => new FakeMenu(template as E.MenuItemConstructorOptions[]),
    setApplicationMenu: (menu: E.Menu | null) => void record.applicationMenu.push(menu),
  } satisfies Calls<typeof E.Menu, 'buildFromTemplate' | 'setApplicationMenu'>,
  nativeImage: {
    createFromPath: (path: string) => ({ path, setTemplateImage: () => undefined }),
  } satisfies Calls<typeof E.nativeImage, 'createFromPath'>,
  protocol: protocolModule,
  session: sessionModule,
  powerMonitor,
  ipcMain: {
    on: () => undefined,
    handle: (channel: string, listener: (event: E.IpcMainInvokeEvent, ...args: any[]) => unknown) => void record.ipcHandlers.set(channel, listener),
    removeHandler: (channel: string) => void record.ipcHandlers.delete(channel),
  } satisfies Calls<E.IpcMain, 'on' | 'handle' | 'removeHandler'>,
  shell: {
    openExternal: async (url: string) => void record.opened.external.push(url),
    openPath: async (path: string) => {
      record.opened.paths.push(path);
      return '';
    },
    showItemInFolder: (fullPath: string) => void record.opened.shownInFolder.push(fullPath),
  } satisfies Pick<E.Shell, 'openExternal' | 'openPath' | 'showItemInFolder'>,
  clipboard: {
    // Electron 45 writes asynchronously: the text is on the clipboard when the promise settles.
    writeText: (text: string) =>
      new Promise<void>((resolve, reject) =>
        setImmediate(() => {
          if (options.clipboardFailure) return reject(new Error(options.clipboardFailure));
          record.clipboard.push(text);
          resolve();
        }),
      ),
  } satisfies Pick<E.Clipboard, 'writeText'>,
  dialog: {
    showErrorBox: (title: string, content: string) => void record.errorBoxes.push({ title, content }),
    showMessageBox: async (messageBoxOptions: E.MessageBoxOptions) => {
      record.messageBoxes.push(messageBoxOptions);
      return { response: 0, checkboxChecked: false };
    },
  } satisfies Pick<E.Dialog, 'showErrorBox'> & Calls<E.Dialog, 'showMessageBox'>,
  safeStorage: {
    isAsyncEncryptionAvailable: async () => ready,
    encryptStringAsync: async (plainText: string) => {
      requireReady('safeStorage');
      return Buffer.concat([Buffer.from(options.platform === 'linux' && options.storageBackend === 'basic_text' ? 'v10' : 'v11'), seal(Buffer.from(plainText))]);
    },
    decryptStringAsync: async (encrypted: Buffer) => {
      requireReady('safeStorage');
      return { result: seal(encrypted.subarray(3)).toString(), shouldReEncrypt: false };
    },
    getSelectedStorageBackend: () => {
      if (options.platform !== 'linux') throw new TypeError('safeStorage.getSelectedStorageBackend is not a function (Linux only)');
      return ready ? options.storageBackend : 'unknown';
    },
  } satisfies Pick<E.SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'>,
};

/** The test's side of the stand-in: set it up, make Electron's events happen, read what the shell did. */
export const fake = {
  record,
  options,
  app,
  powerMonitor,
  configure(change: Partial<FakeOptions>): void {
    Object.assign(options, change);
  },
  /** Electron's `ready`: what the shell awaited in whenReady() runs now. */
  becomeReady(): void {
    ready = true;
    readyResolve();
    app.emit('ready');
  },
  /** Fetches through the handler the shell registered for the scheme, as the window's page would. */
  async fetch(url: string): Promise<Response> {
    const handler = record.protocolHandlers.get(new URL(url).protocol.replace(/:$/, ''));
    if (!handler) throw new Error(`no protocol handler for ${url}`);
    return handler(new Request(url));
  },
  /** What the shell answers when a page of `url` asks for a permission. */
  requestPermission(permission: Parameters<NonNullable<Recorded['permissionRequest']>>[1], url: string): Promise<boolean> {
    const handler = record.permissionRequest;
    if (!handler) throw new Error('no permission request handler');
    const contents = record.windows[0]!.webContents as unknown as E.WebContents;
    return new Promise((resolve) => handler(contents, permission, resolve, { requestingUrl: url, isMainFrame: true }));
  },
  /** What the shell answers when a page of `origin` checks a permission. */
  checkPermission(permission: Parameters<NonNullable<Recorded['permissionCheck']>>[1], origin: string): boolean {
    const handler = record.permissionCheck;
    if (!handler) throw new Error('no permission check handler');
    const contents = record.windows[0]!.webContents as unknown as E.WebContents;
    return handler(contents, permission, origin, { requestingUrl: `${origin}/`, isMainFrame: true });
  },
};
