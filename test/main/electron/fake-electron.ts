/**
 * A thin fake of the Electron main-process API, shaped by the ports in
 * src/main/electron/electron-ports.ts. The Electron binary cannot run here, so the shell is
 * tested against this: it records what the shell asked Electron to do and lets a test play
 * the part of the OS and the renderer (emit events, invoke IPC channels).
 */
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import type {
  AppPort,
  AutoUpdaterPort,
  BrowserWindowPort,
  DialogPort,
  DisplayPort,
  ElectronPorts,
  HeadersReceivedDetails,
  IpcInvokeEventLike,
  IpcMainPort,
  MainWindowOptions,
  MenuHandle,
  MenuItemSpec,
  MenuPort,
  MessageBoxOptions,
  ProcessPort,
  Rectangle,
  ScreenPort,
  SessionPort,
  ShellPort,
  WebContentsPort,
  WebFramePort,
  WindowOpenDetails,
} from '../../../src/main/electron/electron-ports';

export class FakeFrame implements WebFramePort {
  constructor(
    public url: string,
    public readonly frameToken: string,
    public readonly processId: number,
    public readonly parent: WebFramePort | null = null,
  ) {}
}

export class FakeWebContents extends EventEmitter implements WebContentsPort {
  readonly mainFrame: FakeFrame;
  readonly sent: { channel: string; payload: unknown }[] = [];
  reloads = 0;
  destroyed = false;
  windowOpenHandler: ((details: WindowOpenDetails) => { action: 'deny' }) | null = null;

  constructor(
    readonly id: number,
    url = 'about:blank',
  ) {
    super();
    this.mainFrame = new FakeFrame(url, `frame-${id}`, 1000 + id);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, payload: args[0] });
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  reload(): void {
    this.reloads += 1;
  }
  setWindowOpenHandler(handler: (details: WindowOpenDetails) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
  /** An IPC event as Electron would build it for a message from this page's main frame. */
  mainFrameEvent(): IpcInvokeEventLike {
    return { sender: this, senderFrame: this.mainFrame };
  }
}

/** A preventable event like the ones Electron passes to 'will-navigate' and 'before-quit'. */
export function preventable(url = ''): { url: string; defaultPrevented: boolean; preventDefault(): void } {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

/** Shared by the windows of one fake Electron: what was created, and whether loading fails. */
export interface WindowControls {
  readonly created: FakeBrowserWindow[];
  loadError: Error | null;
}

export class FakeBrowserWindow extends EventEmitter implements BrowserWindowPort {
  readonly webContents: FakeWebContents;
  readonly loaded: { file?: string; url?: string }[] = [];
  normalBounds: Rectangle;
  minimized = false;
  maximized = false;
  fullScreen = false;
  visible = false;
  focused = 0;
  destroyed = false;

  constructor(
    readonly options: MainWindowOptions,
    private readonly controls: WindowControls,
  ) {
    super();
    this.webContents = new FakeWebContents(controls.created.length + 1);
    this.normalBounds = {
      x: options.x ?? 100,
      y: options.y ?? 100,
      width: options.width,
      height: options.height,
    };
    controls.created.push(this);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isFullScreen(): boolean {
    return this.fullScreen;
  }
  isVisible(): boolean {
    return this.visible;
  }
  getNormalBounds(): Rectangle {
    return this.normalBounds;
  }
  restore(): void {
    this.minimized = false;
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused += 1;
  }
  maximize(): void {
    this.maximized = true;
  }
  async loadFile(filePath: string): Promise<void> {
    this.loaded.push({ file: filePath });
    if (this.controls.loadError !== null) throw this.controls.loadError;
    this.webContents.mainFrame.url = pathToFileURL(filePath).href;
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push({ url });
    if (this.controls.loadError !== null) throw this.controls.loadError;
    this.webContents.mainFrame.url = url;
  }
}

export class FakeIpcMain implements IpcMainPort {
  readonly handlers = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>>();

  handle(
    channel: string,
    listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>,
  ): void {
    // Electron refuses a second handler for the same channel; so does the fake.
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, event: IpcInvokeEventLike, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

export class FakeSession implements SessionPort {
  headersListener: Parameters<SessionPort['webRequest']['onHeadersReceived']>[0] | null = null;
  permissionRequestHandler: Parameters<SessionPort['setPermissionRequestHandler']>[0] | null = null;
  permissionCheckHandler: Parameters<SessionPort['setPermissionCheckHandler']>[0] | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: Parameters<SessionPort['webRequest']['onHeadersReceived']>[0]): void => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: Parameters<SessionPort['setPermissionRequestHandler']>[0]): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Parameters<SessionPort['setPermissionCheckHandler']>[0]): void {
    this.permissionCheckHandler = handler;
  }
  /** Runs the header listener as Electron would for one response. */
  headersFor(details: HeadersReceivedDetails): Record<string, string | string[]> | undefined {
    let result: Record<string, string | string[]> | undefined;
    this.headersListener?.(details, (response) => {
      result = response.responseHeaders;
    });
    return result;
  }
}

export class FakeShell implements ShellPort {
  readonly openedUrls: string[] = [];
  readonly openedPaths: string[] = [];
  failOpenExternal: Error | null = null;
  async openExternal(url: string): Promise<void> {
    if (this.failOpenExternal !== null) throw this.failOpenExternal;
    this.openedUrls.push(url);
  }
  async openPath(path: string): Promise<string> {
    this.openedPaths.push(path);
    return '';
  }
}

export class FakeDialog implements DialogPort {
  readonly boxes: MessageBoxOptions[] = [];
  readonly errorBoxes: { title: string; content: string }[] = [];
  /** The button index the "user" clicks next; default 1 (Later/Cancel). */
  nextResponse = 1;
  async showMessageBox(options: MessageBoxOptions): Promise<{ response: number }> {
    this.boxes.push(options);
    return { response: this.nextResponse };
  }
  showErrorBox(title: string, content: string): void {
    this.errorBoxes.push({ title, content });
  }
}

export class FakeMenu implements MenuPort {
  applied: MenuItemSpec[] | null = null;
  buildFromTemplate(template: MenuItemSpec[]): MenuHandle {
    return { items: template };
  }
  setApplicationMenu(menu: MenuHandle | null): void {
    this.applied = menu === null ? null : (menu.items as MenuItemSpec[]);
  }
}

export class FakeScreen implements ScreenPort {
  constructor(readonly displays: DisplayPort[] = [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }]) {}
  getAllDisplays(): DisplayPort[] {
    return this.displays;
  }
  getPrimaryDisplay(): DisplayPort {
    const primary = this.displays[0];
    if (primary === undefined) throw new Error('no displays');
    return primary;
  }
}

export interface FakeAppOptions {
  readonly isPackaged?: boolean;
  readonly version?: string;
  readonly userData: string;
  readonly logs: string;
  readonly gotLock?: boolean;
}

export class FakeApp extends EventEmitter implements AppPort {
  readonly isPackaged: boolean;
  readonly exitCodes: number[] = [];
  quitCalls = 0;
  sandboxEnabled = false;
  logsPathSet = false;

  constructor(private readonly options: FakeAppOptions) {
    super();
    this.isPackaged = options.isPackaged ?? false;
  }
  getVersion(): string {
    return this.options.version ?? '1.2.3';
  }
  getPath(name: 'userData' | 'logs'): string {
    if (name === 'logs' && !this.logsPathSet) throw new Error("Failed to get 'logs' path");
    return name === 'logs' ? this.options.logs : this.options.userData;
  }
  setAppLogsPath(): void {
    this.logsPathSet = true;
  }
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  requestSingleInstanceLock(): boolean {
    return this.options.gotLock ?? true;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  /** Like Electron: emits before-quit; only if nobody prevented it does the app go on to quit. */
  quit(): void {
    this.quitCalls += 1;
    const event = preventable();
    this.emit('before-quit', event);
  }
  exit(exitCode = 0): void {
    this.exitCodes.push(exitCode);
  }
}

/** An autoUpdater stand-in: the test emits its events. */
export class FakeAutoUpdater extends EventEmitter implements AutoUpdaterPort {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  logger: AutoUpdaterPort['logger'] = null;
  checks = 0;
  checkError: Error | null = null;
  readonly installs: { isSilent?: boolean; isForceRunAfter?: boolean }[] = [];
  async checkForUpdates(): Promise<unknown> {
    this.checks += 1;
    if (this.checkError !== null) throw this.checkError;
    return null;
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push({ isSilent, isForceRunAfter });
  }
}

export class FakeProcess extends EventEmitter implements ProcessPort {
  readonly stderrText: string[] = [];
  readonly stderr = { write: (text: string): boolean => this.stderrText.push(text) > 0 };
  readonly platform: string;
  readonly arch = 'x64';
  readonly versions = { node: '22.20.0', electron: '45.5.0', chrome: '142.0.0.0' };

  constructor(
    readonly argv: string[] = ['electron', '.'],
    readonly env: Record<string, string | undefined> = {},
    platform = 'linux',
  ) {
    super();
    this.platform = platform;
  }
}

export interface FakeElectron extends ElectronPorts {
  readonly windows: WindowControls;
  readonly app: FakeApp;
  readonly ipcMain: FakeIpcMain;
  readonly session: { readonly defaultSession: FakeSession };
  readonly shell: FakeShell;
  readonly dialog: FakeDialog;
  readonly Menu: FakeMenu;
  readonly screen: FakeScreen;
}

export function createFakeElectron(options: FakeAppOptions): FakeElectron {
  const windows: WindowControls = { created: [], loadError: null };
  return {
    windows,
    app: new FakeApp(options),
    BrowserWindow: class extends FakeBrowserWindow {
      constructor(windowOptions: MainWindowOptions) {
        super(windowOptions, windows);
      }
    },
    ipcMain: new FakeIpcMain(),
    session: { defaultSession: new FakeSession() },
    shell: new FakeShell(),
    dialog: new FakeDialog(),
    Menu: new FakeMenu(),
    screen: new FakeScreen(),
  };
}
