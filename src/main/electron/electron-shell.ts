/**
 * The Electron front door, assembled from the adapters in this folder: single-instance lock,
 * rotated logs, hardened session and webContents, the engine (AppRuntime) started behind one
 * main window and its IPC host, the native menu, the updater, and the clean shutdown. It takes
 * Electron as ports, so the whole start-up can run in plain Node against a fake.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock, Scheduler } from '../../shared/util/clock';
import type { AppRuntime, AppRuntimeOptions } from '../app/app-runtime';
import type { Logger, LoggerOptions } from '../logging/logger';
import { Redactor } from '../logging/redactor';
import { resolveAppMode, versionInfo } from './app-identity';
import { DHANHQ_DOCS_URL, buildMenuTemplate } from './app-menu';
import { createAppUrlMatcher } from './app-url';
import type { AutoUpdaterPort, BrowserWindowPort, ElectronPorts, ProcessPort } from './electron-ports';
import { createExternalLinkOpener, type ExternalLinkOpener } from './external-links';
import { startIpcHost, type IpcHost } from './ipc-host';
import { openFileLog, type FileLog } from './log-files';
import { createMainWindow } from './main-window';
import { hardenSession } from './session-hardening';
import { installShutdown, type ShutdownController } from './shutdown';
import { claimSingleInstance } from './single-instance';
import { createUpdaterController, updaterDisabledReason, type UpdaterController } from './updater';
import { guardWebContents } from './web-contents-guard';
import { WINDOW_STATE_FILE, createWindowStateStore } from './window-state';

/**
 * What the desktop shell offers the engine for the two operations only a desktop can do. The
 * engine routes the `openExternal` and `restartToUpdate` API operations here.
 */
export interface DesktopActions {
  /** Opens an allow-listed https DhanHQ link in the OS browser; AppError SHELL_LINK_BLOCKED otherwise. */
  openExternal(url: string): Promise<{ opened: boolean }>;
  /** Installs a downloaded update and relaunches; AppError UPDATE_NOT_READY when none is waiting. */
  restartToUpdate(): Promise<null>;
}

/** The runtime options the shell passes: the port's options plus the desktop actions. */
export type DesktopRuntimeOptions = AppRuntimeOptions & { readonly desktop: DesktopActions };

/** The simulated DhanHQ behind demo mode. */
export interface DemoMarket {
  /** DHAN_* settings pointing the engine at the simulator. */
  env(): Record<string, string>;
  close(): Promise<void>;
}

export interface ElectronShellOptions {
  readonly electron: ElectronPorts;
  readonly process: ProcessPort;
  readonly createRuntime: (options: DesktopRuntimeOptions) => Promise<AppRuntime>;
  /** Returns electron-updater's autoUpdater; only called when updates are enabled. */
  readonly loadAutoUpdater: () => AutoUpdaterPort;
  /** Starts the simulated market in demo mode; absent: the runtime gets no simulator settings. */
  readonly startDemoMarket?: () => Promise<DemoMarket>;
  /** Absolute paths of the bundled preload and renderer page. */
  readonly paths: { readonly preload: string; readonly rendererHtml: string };
  readonly clock: Clock;
  readonly scheduler: Scheduler;
}

export interface ElectronShell {
  readonly mode: 'live' | 'demo';
  readonly logger: Logger;
  readonly runtime: AppRuntime;
  readonly window: BrowserWindowPort;
  readonly ipcHost: IpcHost;
  readonly updater: UpdaterController;
  readonly shutdown: ShutdownController;
}

const LOG_LEVELS: readonly NonNullable<LoggerOptions['level']>[] = [
  'debug',
  'info',
  'warn',
  'error',
  'silent',
];

/** What every later step needs once Electron is ready: folders, logging, the page to show. */
interface ShellContext {
  readonly options: ElectronShellOptions;
  readonly mode: 'live' | 'demo';
  readonly isDevelopment: boolean;
  readonly logDir: string;
  readonly userDataDir: string;
  readonly dataDir: string;
  readonly devServerUrl: string | null;
  readonly redactor: Redactor;
  readonly fileLog: FileLog;
  readonly logger: Logger;
}

/**
 * Starts the app. Resolves to null when this is a second instance (which quits) or when start-up
 * failed (the user was told, the reason logged, and the app quits with exit code 1).
 */
export async function startElectronShell(options: ElectronShellOptions): Promise<ElectronShell | null> {
  const { app } = options.electron;
  let window: BrowserWindowPort | null = null;
  app.enableSandbox();
  if (!claimSingleInstance(app, () => window)) {
    app.quit();
    return null;
  }
  await app.whenReady();
  const context = openContext(options);
  const { electron, scheduler } = options;
  const { logger } = context;

  const state: { runtime: AppRuntime | null; demo: DemoMarket | null; ipcHost: IpcHost | null } = {
    runtime: null,
    demo: null,
    ipcHost: null,
  };
  const updater = createUpdaterController({
    disabledReason: updaterDisabledReason(app.isPackaged, context.mode, options.process.env),
    loadUpdater: options.loadAutoUpdater,
    dialog: electron.dialog,
    clock: options.clock,
    scheduler,
    logger,
    redactor: context.redactor,
  });
  const shutdown = installShutdown({
    app,
    process: options.process,
    scheduler,
    logger,
    stop: async () => {
      updater.dispose();
      state.ipcHost?.dispose();
      await state.runtime?.stop();
      await state.demo?.close();
    },
    finalize: () => context.fileLog.close(),
  });

  hardenSession(electron.session.defaultSession, logger);
  const isAppUrl = createAppUrlMatcher({
    rendererHtmlPath: options.paths.rendererHtml,
    devServerUrl: context.devServerUrl,
    platform: options.process.platform,
  });
  const links = createExternalLinkOpener(electron.shell, logger);
  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, { isAppUrl, links, logger }),
  );

  let engine: AppRuntime;
  try {
    if (context.mode === 'demo' && options.startDemoMarket !== undefined)
      state.demo = await options.startDemoMarket();
    engine = await options.createRuntime({
      mode: context.mode,
      dataDir: context.dataDir,
      logDir: context.logDir,
      versions: versionInfo(app.getVersion(), options.process),
      logger,
      redactor: context.redactor,
      env: { ...options.process.env, ...(state.demo?.env() ?? {}) },
      desktop: { openExternal: (url) => links.open(url), restartToUpdate: () => updater.restartToUpdate() },
    });
  } catch (error) {
    reportStartupFailure(context, 'The engine could not be created', error);
    shutdown.quit(1);
    return null;
  }
  state.runtime = engine;
  updater.subscribe((status) => engine.setUpdaterStatus(status));
  installMenu(context, links);

  const mainWindow = createMainWindow({
    BrowserWindow: electron.BrowserWindow,
    preloadPath: options.paths.preload,
    page:
      context.devServerUrl !== null
        ? { kind: 'url', url: context.devServerUrl }
        : { kind: 'file', path: options.paths.rendererHtml },
    allowDevTools: context.isDevelopment,
    stateStore: createWindowStateStore(join(context.userDataDir, WINDOW_STATE_FILE), logger),
    displays: () => ({ all: electron.screen.getAllDisplays(), primary: electron.screen.getPrimaryDisplay() }),
    scheduler,
    logger,
    onLoadFailed: (error) => {
      electron.dialog.showErrorBox(
        'ChainLens could not open its window',
        `${error.message}\n\nThe log files are in ${context.logDir}`,
      );
      shutdown.quit(1);
    },
  });
  window = mainWindow;
  const ipcHost = startIpcHost({
    ipcMain: electron.ipcMain,
    backend: engine.backend,
    contents: mainWindow.webContents,
    isAppUrl,
    logger,
  });
  state.ipcHost = ipcHost;
  // The engine holds the account's feed connections; a windowless app would keep them busy.
  app.on('window-all-closed', () => app.quit());

  engine.start().catch((error: unknown) => {
    logger.error({ code: 'SHELL_STARTUP_FAILED', error: String(error) }, 'the engine start-up path rejected');
  });
  updater.start();
  return { mode: context.mode, logger, runtime: engine, window: mainWindow, ipcHost, updater, shutdown };
}

/** Folders and the rotated log file; the first thing done once Electron is ready. */
function openContext(options: ElectronShellOptions): ShellContext {
  const { app } = options.electron;
  const env = options.process.env;
  const mode = resolveAppMode(options.process.argv, env);
  const isDevelopment = !app.isPackaged;
  // Logs go to the OS's place for them: ~/Library/Logs/ChainLens on macOS, userData/logs elsewhere.
  app.setAppLogsPath();
  const logDir = app.getPath('logs');
  const userDataDir = app.getPath('userData');
  const devServerUrl = isDevelopment ? (env['ELECTRON_RENDERER_URL'] ?? null) : null;
  const redactor = new Redactor();
  const fileLog = openFileLog({
    logDir,
    redactor,
    level: LOG_LEVELS.find((level) => level === env['CHAINLENS_LOG_LEVEL']) ?? 'info',
    base: { app: 'chainlens', mode },
    // `electron-vite dev` runs in a terminal someone is watching.
    teeToStdout: devServerUrl !== null,
    onStreamError: (error) =>
      options.process.stderr.write(`ChainLens: the log file failed: ${error.message}\n`),
  });
  const dataDir = join(userDataDir, 'data');
  fileLog.logger.info(
    { versions: versionInfo(app.getVersion(), options.process), logDir, dataDir, packaged: app.isPackaged },
    'starting',
  );
  return {
    options,
    mode,
    isDevelopment,
    logDir,
    userDataDir,
    dataDir,
    devServerUrl,
    redactor,
    fileLog,
    logger: fileLog.logger,
  };
}

function reportStartupFailure(context: ShellContext, what: string, error: unknown): void {
  const message = context.redactor.redact(error instanceof Error ? error.message : String(error));
  context.logger.error({ code: 'SHELL_STARTUP_FAILED', error: message }, what);
  context.options.electron.dialog.showErrorBox(
    'ChainLens could not start',
    `${what}: ${message}\n\nThe log files are in ${context.logDir}`,
  );
}

function installMenu(context: ShellContext, links: ExternalLinkOpener): void {
  const { electron, process: proc } = context.options;
  const { logger } = context;
  const openFolder = (folder: string): void => {
    mkdir(folder, { recursive: true })
      .then(() => electron.shell.openPath(folder))
      .then((failure) => {
        if (failure !== '') logger.warn({ folder, error: failure }, 'the OS could not open a folder');
      })
      .catch((error: unknown) => logger.warn({ folder, error: String(error) }, 'could not open a folder'));
  };
  const template = buildMenuTemplate({
    isMac: proc.platform === 'darwin',
    isDevelopment: context.isDevelopment,
    actions: {
      openLogsFolder: () => openFolder(context.logDir),
      openDataFolder: () => openFolder(context.dataDir),
      openApiDocs: () => {
        links
          .open(DHANHQ_DOCS_URL)
          .catch((error: unknown) => logger.warn({ error: String(error) }, 'could not open the API docs'));
      },
    },
  });
  electron.Menu.setApplicationMenu(electron.Menu.buildFromTemplate(template));
}
