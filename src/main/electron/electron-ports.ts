/**
 * The parts of Electron's main-process API the shell uses, as narrow structural types. The
 * adapters in this folder take these instead of importing `electron`, so tests in plain Node
 * hand them a thin fake; the composition root (src/main/index.ts) passes the real module, and
 * the compiler checks there that Electron's objects satisfy every port.
 *
 * Methods are declared with method syntax on purpose: Electron's event emitters expose one
 * overload per event name, and method parameters compare bivariantly, so `App`, `WebContents`
 * and `BrowserWindow` are assignable to these overloads.
 */

/** An Electron event whose default action can be cancelled. */
export interface PreventableEvent {
  preventDefault(): void;
}

export interface Rectangle {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface DisplayPort {
  readonly workArea: Rectangle;
}

export interface ScreenPort {
  getAllDisplays(): DisplayPort[];
  getPrimaryDisplay(): DisplayPort;
}

/** A frame in a page (WebFrameMain). */
export interface WebFramePort {
  readonly url: string;
  readonly frameToken: string;
  readonly processId: number;
  readonly parent: WebFramePort | null;
}

export interface WindowOpenDetails {
  readonly url: string;
}

export interface RenderProcessGoneDetails {
  readonly reason: string;
  readonly exitCode: number;
}

export interface WebContentsPort {
  readonly id: number;
  readonly mainFrame: WebFramePort;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
  getURL(): string;
  reload(): void;
  setWindowOpenHandler(handler: (details: WindowOpenDetails) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: PreventableEvent & { readonly url: string }) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent & { readonly url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  on(
    event: 'render-process-gone',
    listener: (event: unknown, details: RenderProcessGoneDetails) => void,
  ): unknown;
  on(event: 'preload-error', listener: (event: unknown, preloadPath: string, error: Error) => void): unknown;
  once(event: 'destroyed', listener: () => void): unknown;
  removeListener(event: 'destroyed', listener: () => void): unknown;
}

/** The one invoke event shape the IPC host reads. */
export interface IpcInvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: WebFramePort | null;
}

export interface IpcMainPort {
  handle(
    channel: string,
    listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

/** The `webPreferences` the main window is created with; see web-preferences.ts. */
export interface SecureWebPreferences {
  readonly preload: string;
  readonly contextIsolation: true;
  readonly sandbox: true;
  readonly nodeIntegration: false;
  readonly nodeIntegrationInWorker: false;
  readonly nodeIntegrationInSubFrames: false;
  readonly webSecurity: true;
  readonly allowRunningInsecureContent: false;
  readonly experimentalFeatures: false;
  readonly webviewTag: false;
  readonly navigateOnDragDrop: false;
  readonly safeDialogs: true;
  readonly spellcheck: false;
  readonly devTools: boolean;
}

export interface MainWindowOptions {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly minWidth: number;
  readonly minHeight: number;
  readonly show: boolean;
  readonly title: string;
  readonly backgroundColor: string;
  readonly webPreferences: SecureWebPreferences;
}

export interface BrowserWindowPort {
  readonly webContents: WebContentsPort;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  isMaximized(): boolean;
  isFullScreen(): boolean;
  isVisible(): boolean;
  getNormalBounds(): Rectangle;
  restore(): void;
  show(): void;
  focus(): void;
  maximize(): void;
  loadFile(filePath: string): Promise<void>;
  loadURL(url: string): Promise<void>;
  on(event: 'close' | 'closed' | 'resize' | 'move' | 'ready-to-show', listener: () => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
}

export type BrowserWindowConstructorPort = new (options: MainWindowOptions) => BrowserWindowPort;

export interface HeadersReceivedDetails {
  readonly url: string;
  readonly responseHeaders?: Record<string, string[]>;
}

export interface SessionPort {
  readonly webRequest: {
    onHeadersReceived(
      listener: (
        details: HeadersReceivedDetails,
        callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
      ) => void,
    ): void;
  };
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
}

export interface ShellPort {
  openExternal(url: string): Promise<void>;
  /** Resolves to an error message, or '' on success. */
  openPath(path: string): Promise<string>;
}

export interface MessageBoxOptions {
  readonly type: 'info' | 'warning' | 'error';
  readonly title: string;
  readonly message: string;
  readonly detail: string;
  readonly buttons: string[];
  readonly defaultId: number;
  readonly cancelId: number;
}

export interface DialogPort {
  showMessageBox(options: MessageBoxOptions): Promise<{ response: number }>;
  showErrorBox(title: string, content: string): void;
}

export type MenuRole =
  | 'appMenu'
  | 'editMenu'
  | 'windowMenu'
  | 'help'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'close'
  | 'quit';

/** One menu entry; a subset of Electron's MenuItemConstructorOptions. */
export interface MenuItemSpec {
  readonly label?: string;
  readonly role?: MenuRole;
  readonly type?: 'separator';
  readonly click?: () => void;
  readonly submenu?: MenuItemSpec[];
}

/** An opaque built menu. */
export interface MenuHandle {
  readonly items: readonly unknown[];
}

export interface MenuPort {
  buildFromTemplate(template: MenuItemSpec[]): MenuHandle;
  setApplicationMenu(menu: MenuHandle | null): void;
}

export interface AppPort {
  readonly isPackaged: boolean;
  getVersion(): string;
  getPath(name: 'userData' | 'logs'): string;
  setAppLogsPath(): void;
  enableSandbox(): void;
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  quit(): void;
  exit(exitCode?: number): void;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'second-instance' | 'window-all-closed', listener: () => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsPort) => void): unknown;
}

/** The update-check events of electron-updater's AppUpdater that the shell maps to UpdaterStatus. */
export interface AutoUpdaterPort {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  logger: {
    info(message?: unknown): void;
    warn(message?: unknown): void;
    error(message?: unknown): void;
  } | null;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'checking-for-update', listener: () => void): unknown;
  on(
    event: 'update-available' | 'update-not-available',
    listener: (info: { version: string }) => void,
  ): unknown;
  on(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown;
  on(event: 'update-downloaded', listener: (event: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** What the shell needs from Node's `process`. */
export interface ProcessPort {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: string;
  readonly arch: string;
  readonly versions: Readonly<Record<string, string | undefined>>;
  readonly stderr: { write(text: string): unknown };
  on(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown;
  off(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown;
}

/** Everything the shell takes from the `electron` module. */
export interface ElectronPorts {
  readonly app: AppPort;
  readonly BrowserWindow: BrowserWindowConstructorPort;
  readonly ipcMain: IpcMainPort;
  readonly session: { readonly defaultSession: SessionPort };
  readonly shell: ShellPort;
  readonly dialog: DialogPort;
  readonly Menu: MenuPort;
  readonly screen: ScreenPort;
}
