/**
 * One shared fake of the `electron` module for vitest (Electron cannot be launched on CI machines):
 *   vi.mock('electron', async () => (await import('../fakes/electron')).electronModule);
 * Each test calls `resetElectron()` (fresh state) and drives the fake through `fake`.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export class FakeFrame {
  parent: FakeFrame | null = null;
  constructor(public url: string) {}
  /** A sub-frame (iframe) of this frame. */
  child(url: string): FakeFrame {
    const f = new FakeFrame(url);
    f.parent = this;
    return f;
  }
}

let nextId = 1;
export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly sent: { channel: string; payload: unknown }[] = [];
  readonly mainFrame = new FakeFrame('file:///app/out/renderer/index.html');
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  destroyed = false;
  session = state().session;
  send = vi.fn((channel: string, payload?: unknown) => {
    this.sent.push({ channel, payload });
  });
  setWindowOpenHandler(h: (details: { url: string }) => { action: 'allow' | 'deny' }) {
    this.windowOpenHandler = h;
  }
  isDestroyed = () => this.destroyed;
  getURL = () => this.mainFrame.url;
  reload = vi.fn();
  /** Emits a Chromium-style event whose default can be prevented; returns whether it was. */
  emitPreventable(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true), url: args[0] }, ...args);
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows = () => FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  readonly webContents = new FakeWebContents();
  destroyed = false;
  visible = false;
  minimized = false;
  loaded: { url?: string; file?: string; options?: unknown } | null = null;
  constructor(public options: Record<string, any>) {
    super();
    FakeBrowserWindow.instances.push(this);
    this.bounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width ?? 800, height: options.height ?? 600 };
  }
  loadURL = vi.fn(async (url: string) => {
    this.loaded = { url };
    this.webContents.mainFrame.url = url;
  });
  loadFile = vi.fn(async (file: string, options?: unknown) => {
    this.loaded = { file, options };
    this.webContents.mainFrame.url = `file://${file}`;
  });
  show = vi.fn(() => {
    this.visible = true;
  });
  showInactive = vi.fn(() => {
    this.visible = true;
  });
  hide = vi.fn(() => {
    this.visible = false;
  });
  focus = vi.fn();
  restore = vi.fn(() => {
    this.minimized = false;
  });
  removeMenu = vi.fn();
  setMenuBarVisibility = vi.fn();
  /** Size and position while neither maximized nor minimized; what the user last moved it to. */
  bounds = { x: 0, y: 0, width: 0, height: 0 };
  maximized = false;
  fullScreen = false;
  getNormalBounds = () => ({ ...this.bounds });
  isMaximized = () => this.maximized;
  isFullScreen = () => this.fullScreen;
  maximize = vi.fn(() => {
    this.maximized = true;
    this.emit('maximize');
  });
  /** The user drags or resizes the window. */
  userMoves(bounds: { x: number; y: number; width: number; height: number }): void {
    this.bounds = { ...bounds };
    this.emit('move');
    this.emit('resize');
  }
  isVisible = () => this.visible;
  isMinimized = () => this.minimized;
  isDestroyed = () => this.destroyed;
  /** The user closes the window: 'close' may be prevented (hide to tray), else it is destroyed. */
  close = vi.fn(() => {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  });
  destroy = vi.fn(() => {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  });
}

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  image: unknown;
  tooltip = '';
  title = '';
  menu: FakeMenu | null = null;
  destroyed = false;
  constructor(image: unknown) {
    super();
    this.image = image;
    FakeTray.instances.push(this);
  }
  setImage = vi.fn((img: unknown) => (this.image = img));
  setToolTip = vi.fn((t: string) => (this.tooltip = t));
  setTitle = vi.fn((t: string) => (this.title = t));
  setContextMenu = vi.fn((m: FakeMenu) => (this.menu = m));
  destroy = vi.fn(() => (this.destroyed = true));
}

export interface FakeMenuItem {
  label?: string;
  type?: string;
  checked?: boolean;
  enabled?: boolean;
  click?: (...args: unknown[]) => void;
  submenu?: FakeMenuItem[];
}
/** A built menu: its items, and the events Electron's Menu emits when it opens and closes. */
export class FakeMenu extends EventEmitter {
  constructor(public items: FakeMenuItem[]) {
    super();
  }
  /** Finds an item by label (searching submenus). */
  find(label: string | RegExp): FakeMenuItem | undefined {
    const walk = (items: FakeMenuItem[]): FakeMenuItem | undefined => {
      for (const i of items) {
        if (i.label !== undefined && (typeof label === 'string' ? i.label === label : label.test(i.label))) return i;
        const sub = i.submenu && walk(i.submenu);
        if (sub) return sub;
      }
      return undefined;
    };
    return walk(this.items);
  }
}

export class FakeNotification extends EventEmitter {
  static supported = true;
  static instances: FakeNotification[] = [];
  static isSupported = () => FakeNotification.supported;
  shown = false;
  constructor(public options: { title: string; body: string; silent?: boolean; urgency?: string }) {
    super();
    FakeNotification.instances.push(this);
  }
  show = vi.fn(() => {
    this.shown = true;
  });
  close = vi.fn(() => this.emit('close'));
}

const PREFIX = Buffer.from('fake-sealed:');
function createState() {
  const session = {
    webRequest: { onHeadersReceived: vi.fn() },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  };
  return {
    session,
    lock: true,
    backend: 'gnome_libsecret' as string,
    encryptionAvailable: true,
    /** What app.getLocale() answers (the system's language). */
    locale: 'en-US',
    /** The displays' work areas (screen.getAllDisplays()). */
    workAreas: [{ x: 0, y: 0, width: 1920, height: 1040 }] as { x: number; y: number; width: number; height: number }[],
    /** Every plain string ever given to safeStorage (tests scan files for them). */
    encrypted: [] as string[],
  };
}
let current = createState();
function state() {
  return current;
}

function makeApp() {
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    name: 'CC Tray Monitor',
    requestSingleInstanceLock: vi.fn(() => current.lock),
    quit: vi.fn(),
    exit: vi.fn(),
    focus: vi.fn(),
    setAppUserModelId: vi.fn(),
    setLoginItemSettings: vi.fn(),
    getLoginItemSettings: vi.fn(() => ({ openAtLogin: false })),
    dock: { hide: vi.fn(), show: vi.fn() },
    getPath: vi.fn((name: string) => `/tmp/cctm-fake/${name}`),
    getAppPath: vi.fn(() => '/app'),
    getVersion: vi.fn(() => '0.1.0'),
    getLocale: vi.fn(() => current.locale),
    whenReady: vi.fn(() => Promise.resolve()),
    isReady: vi.fn(() => true),
  });
  return app;
}

function makeModule() {
  const ipcMain = Object.assign(new EventEmitter(), {
    handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
    handle: vi.fn((channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => {
      if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      ipcMain.handlers.set(channel, fn);
    }),
    removeHandler: vi.fn((channel: string) => ipcMain.handlers.delete(channel)),
  });
  const ipcRenderer = Object.assign(new EventEmitter(), {
    invoke: vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => undefined),
    send: vi.fn(),
  });
  const exposed: Record<string, unknown> = {};
  const safeStorage = {
    isAsyncEncryptionAvailable: vi.fn(async () => current.encryptionAvailable),
    isEncryptionAvailable: vi.fn(() => current.encryptionAvailable),
    getSelectedStorageBackend: vi.fn(() => current.backend),
    encryptStringAsync: vi.fn(async (plain: string) => {
      current.encrypted.push(plain);
      return Buffer.concat([PREFIX, Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)]);
    }),
    decryptStringAsync: vi.fn(async (buf: Buffer) => {
      if (!buf.subarray(0, PREFIX.length).equals(PREFIX)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return { result: Buffer.from(buf.subarray(PREFIX.length).map((b) => b ^ 0x5a)).toString('utf8'), shouldReEncrypt: false };
    }),
  };
  return {
    app: makeApp(),
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Menu: { buildFromTemplate: vi.fn((items: FakeMenuItem[]) => new FakeMenu(items)), setApplicationMenu: vi.fn() },
    nativeImage: { createFromPath: vi.fn((path: string) => ({ path, isEmpty: () => false })) },
    Notification: FakeNotification,
    shell: { openExternal: vi.fn(async (_url: string) => undefined) },
    powerMonitor: new EventEmitter(),
    /** Electron's own autoUpdater: electron-updater emits 'before-quit-for-update' on it before installing. */
    autoUpdater: new EventEmitter(),
    dialog: { showErrorBox: vi.fn((_title: string, _content: string) => undefined) },
    screen: { getAllDisplays: vi.fn(() => current.workAreas.map((workArea, id) => ({ id, workArea, bounds: workArea }))) },
    session: { defaultSession: current.session },
    ipcMain,
    ipcRenderer,
    contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => (exposed[key] = api)) },
    safeStorage,
    exposed,
  };
}

/** The live fake; `resetElectron()` replaces its state, so read it after the reset. */
export let fake = makeModule();

/** What `vi.mock('electron', …)` returns: getters so each test sees the state after its reset. */
export const electronModule: Record<string, unknown> = {};
for (const key of Object.keys(fake)) {
  Object.defineProperty(electronModule, key, { enumerable: true, get: () => (fake as Record<string, unknown>)[key] });
}
Object.defineProperty(electronModule, 'default', { enumerable: false, get: () => fake });

export function resetElectron(): typeof fake {
  current = createState();
  FakeBrowserWindow.instances = [];
  FakeTray.instances = [];
  FakeNotification.instances = [];
  FakeNotification.supported = true;
  fake = makeModule();
  return fake;
}

/** The state behind the fake (single-instance lock, keyring backend, strings given to safeStorage). */
export function electronState() {
  return current;
}
