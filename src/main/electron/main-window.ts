/**
 * Creates the one main window: secure webPreferences, the saved placement, shown only when the
 * first frame is ready (no white flash), its state saved shortly after every move or resize and
 * again on close, and a renderer crash logged and answered with a bounded number of reloads.
 */
import type { Scheduler, TimerHandle } from '../../shared/util/clock';
import type { Logger } from '../logging/logger';
import type { BrowserWindowConstructorPort, BrowserWindowPort, DisplayPort } from './electron-ports';
import { mainWindowOptions } from './web-preferences';
import { placeWindow, type WindowStateStore } from './window-state';

export interface CreateMainWindowOptions {
  readonly BrowserWindow: BrowserWindowConstructorPort;
  readonly preloadPath: string;
  /** What to show: the bundled page, or the dev server in development. */
  readonly page:
    { readonly kind: 'file'; readonly path: string } | { readonly kind: 'url'; readonly url: string };
  readonly allowDevTools: boolean;
  readonly stateStore: WindowStateStore;
  readonly displays: () => { all: readonly DisplayPort[]; primary: DisplayPort };
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  /** Called when the page cannot be loaded at all (missing file, dev server down). */
  readonly onLoadFailed: (error: Error) => void;
  /** Delay before a moved or resized window's state is written; default 1000 ms. */
  readonly saveDelayMs?: number;
  /** Reloads allowed after renderer crashes before giving up; default 3. */
  readonly maxCrashReloads?: number;
}

export function createMainWindow(options: CreateMainWindowOptions): BrowserWindowPort {
  const { scheduler, logger, stateStore } = options;
  const displays = options.displays();
  const placement = placeWindow(
    stateStore.load(),
    displays.all.map((d) => d.workArea),
    displays.primary.workArea,
  );
  const window = new options.BrowserWindow(
    mainWindowOptions(options.preloadPath, placement.bounds, options.allowDevTools),
  );

  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize();
    window.show();
  });

  let pendingSave: TimerHandle | null = null;
  const saveNow = (): void => {
    scheduler.clearTimeout(pendingSave);
    pendingSave = null;
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    const bounds = window.getNormalBounds();
    stateStore.save({
      version: 1,
      bounds: {
        x: Math.round(bounds.x),
        y: Math.round(bounds.y),
        width: Math.round(bounds.width),
        height: Math.round(bounds.height),
      },
      maximized: window.isMaximized(),
    });
  };
  const saveSoon = (): void => {
    scheduler.clearTimeout(pendingSave);
    pendingSave = scheduler.setTimeout(saveNow, options.saveDelayMs ?? 1000);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('close', saveNow);
  window.on('closed', () => scheduler.clearTimeout(pendingSave));

  let crashReloads = 0;
  const maxCrashReloads = options.maxCrashReloads ?? 3;
  window.webContents.on('render-process-gone', (_event, details) => {
    logger.error(
      { code: 'SHELL_RENDERER_CRASHED', reason: details.reason, exitCode: details.exitCode },
      'the window renderer is gone',
    );
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    if (crashReloads >= maxCrashReloads) {
      logger.error(
        { code: 'SHELL_RENDERER_CRASHED', crashReloads },
        'not reloading again: too many renderer crashes',
      );
      return;
    }
    crashReloads += 1;
    window.webContents.reload();
  });
  window.webContents.on('preload-error', (_event, preloadPath, error) => {
    logger.error(
      { code: 'SHELL_RENDERER_LOAD_FAILED', preloadPath, error: error.message },
      'the preload script failed',
    );
  });

  const loading =
    options.page.kind === 'file' ? window.loadFile(options.page.path) : window.loadURL(options.page.url);
  loading.catch((error: unknown) => {
    const failure = error instanceof Error ? error : new Error(String(error));
    logger.error(
      { code: 'SHELL_RENDERER_LOAD_FAILED', error: failure.message },
      'the window could not load its page',
    );
    options.onLoadFailed(failure);
  });
  return window;
}

/** Brings the window to the front, restoring it from the dock/taskbar or from hiding. */
export function focusWindow(window: BrowserWindowPort): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
