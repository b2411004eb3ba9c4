/**
 * electron-updater, wired for a trading screen: check at start and every few hours, download in
 * the background, and never restart without asking. Every state change becomes an
 * UpdaterStatus that the diagnostics panel shows. Off in development (nothing to update) and in
 * demo mode (a demo must not change under a presenter's feet).
 */
import type { UpdaterStatus } from '../../shared/api/view-types';
import { AppError } from '../../shared/errors/app-error';
import type { Clock, Scheduler, TimerHandle } from '../../shared/util/clock';
import type { Logger } from '../logging/logger';
import type { Redactor } from '../logging/redactor';
import type { AutoUpdaterPort, DialogPort } from './electron-ports';

export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

/** Why updates are off, or null when they are on. */
export type UpdaterDisabledReason = 'development' | 'demo' | 'environment' | null;

/** Decides whether updates run: only in a packaged, live-mode app without CHAINLENS_DISABLE_UPDATES=1. */
export function updaterDisabledReason(
  isPackaged: boolean,
  mode: 'live' | 'demo',
  env: Readonly<Record<string, string | undefined>>,
): UpdaterDisabledReason {
  if (!isPackaged) return 'development';
  if (mode === 'demo') return 'demo';
  if (env['CHAINLENS_DISABLE_UPDATES'] === '1') return 'environment';
  return null;
}

const DISABLED_MESSAGES: Record<Exclude<UpdaterDisabledReason, null>, string> = {
  development: 'Updates are off in development builds',
  demo: 'Updates are off in demo mode',
  environment: 'Updates are off (CHAINLENS_DISABLE_UPDATES=1)',
};

/** The interface the engine routes the `restartToUpdate` operation to. */
export interface UpdateRestarter {
  /**
   * Quits and installs the downloaded update, relaunching afterwards. Rejects with AppError
   * UPDATE_NOT_READY when no update has been downloaded (or updates are off).
   */
  restartToUpdate(): Promise<null>;
}

export interface UpdaterController extends UpdateRestarter {
  readonly status: UpdaterStatus;
  /** Calls `listener` now with the current status and on every change; returns an unsubscribe. */
  subscribe(listener: (status: UpdaterStatus) => void): () => void;
  /** First check now, then every `intervalMs`; does nothing when disabled. */
  start(): void;
  /** Stops the periodic check. */
  dispose(): void;
}

export interface UpdaterOptions {
  readonly disabledReason: UpdaterDisabledReason;
  /** Loaded lazily so a disabled updater never touches electron-updater. */
  readonly loadUpdater: () => AutoUpdaterPort;
  readonly dialog: Pick<DialogPort, 'showMessageBox'>;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  readonly redactor: Redactor;
  /** Default UPDATE_CHECK_INTERVAL_MS (4 h). */
  readonly intervalMs?: number;
}

export function createUpdaterController(options: UpdaterOptions): UpdaterController {
  const { clock, scheduler, logger, redactor } = options;
  const listeners = new Set<(status: UpdaterStatus) => void>();
  let status: UpdaterStatus =
    options.disabledReason === null
      ? { state: 'idle', version: null, message: 'No update check yet', checkedAtMs: null }
      : {
          state: 'disabled',
          version: null,
          message: DISABLED_MESSAGES[options.disabledReason],
          checkedAtMs: null,
        };
  let updater: AutoUpdaterPort | null = null;
  let timer: TimerHandle | null = null;
  let lastPercent = -1;
  let lastError: Error | null = null;
  let asking = false;

  const publish = (next: UpdaterStatus): void => {
    status = next;
    for (const listener of listeners) listener(next);
  };

  const fail = (error: Error): void => {
    if (error === lastError) return;
    lastError = error;
    const message = redactor.redact(error.message).slice(0, 300);
    logger.warn({ code: 'UPDATE_FAILED', error: message }, 'update check failed');
    publish({
      state: 'error',
      version: status.version,
      message: `Update check failed: ${message}`,
      checkedAtMs: clock.nowMs(),
    });
  };

  const askToRestart = async (source: AutoUpdaterPort, version: string): Promise<void> => {
    if (asking) return;
    asking = true;
    try {
      const { response } = await options.dialog.showMessageBox({
        type: 'info',
        title: 'Update ready',
        message: `ChainLens ${version} is ready to install`,
        detail:
          'Restart now to install it; the app reopens by itself. Choose Later to install it the next time you quit.',
        buttons: ['Restart Now', 'Later'],
        defaultId: 0,
        cancelId: 1,
      });
      if (response === 0) {
        logger.info({ version }, 'restarting to install the update');
        source.quitAndInstall(true, true);
      } else {
        logger.info({ version }, 'update postponed by the user');
      }
    } finally {
      asking = false;
    }
  };

  const wire = (source: AutoUpdaterPort): void => {
    source.autoDownload = true;
    source.autoInstallOnAppQuit = true;
    source.logger = {
      info: (message) => logger.debug({ source: 'electron-updater' }, redactor.redact(String(message))),
      warn: (message) => logger.warn({ source: 'electron-updater' }, redactor.redact(String(message))),
      error: (message) => logger.warn({ source: 'electron-updater' }, redactor.redact(String(message))),
    };
    source.on('checking-for-update', () => {
      publish({
        state: 'checking',
        version: status.version,
        message: 'Checking for updates',
        checkedAtMs: status.checkedAtMs,
      });
    });
    source.on('update-not-available', (info) => {
      publish({
        state: 'up-to-date',
        version: info.version,
        message: `ChainLens ${info.version} is the latest version`,
        checkedAtMs: clock.nowMs(),
      });
    });
    source.on('update-available', (info) => {
      lastPercent = -1;
      logger.info({ version: info.version }, 'update available; downloading in the background');
      publish({
        state: 'available',
        version: info.version,
        message: `Version ${info.version} found; downloading in the background`,
        checkedAtMs: clock.nowMs(),
      });
    });
    source.on('download-progress', (progress) => {
      const percent = Math.floor(progress.percent);
      if (percent === lastPercent) return;
      lastPercent = percent;
      publish({
        state: 'downloading',
        version: status.version,
        message: `Downloading version ${status.version ?? '?'}: ${percent}%`,
        checkedAtMs: status.checkedAtMs,
      });
    });
    source.on('update-downloaded', (event) => {
      logger.info({ version: event.version }, 'update downloaded');
      publish({
        state: 'ready',
        version: event.version,
        message: `Version ${event.version} is ready: restart to install it`,
        checkedAtMs: status.checkedAtMs,
      });
      askToRestart(source, event.version).catch((error: unknown) => {
        logger.error({ error: String(error) }, 'could not ask about the downloaded update');
      });
    });
    source.on('error', (error) => fail(error));
  };

  const check = (): void => {
    if (updater === null) return;
    lastError = null;
    // electron-updater also emits 'error' for a failed check; `fail` reports each error once.
    updater
      .checkForUpdates()
      .catch((error: unknown) => fail(error instanceof Error ? error : new Error(String(error))));
  };

  return {
    get status() {
      return status;
    },
    subscribe(listener) {
      listeners.add(listener);
      listener(status);
      return () => {
        listeners.delete(listener);
      };
    },
    start() {
      if (options.disabledReason !== null || updater !== null) return;
      updater = options.loadUpdater();
      wire(updater);
      check();
      timer = scheduler.setInterval(check, options.intervalMs ?? UPDATE_CHECK_INTERVAL_MS);
    },
    dispose() {
      scheduler.clearInterval(timer);
      timer = null;
    },
    async restartToUpdate() {
      if (updater === null || status.state !== 'ready') {
        throw new AppError(
          'UPDATE_NOT_READY',
          status.state === 'disabled' ? status.message : 'No downloaded update is waiting',
        );
      }
      logger.info({ version: status.version }, 'restarting to install the update (requested from the app)');
      updater.quitAndInstall(true, true);
      return null;
    },
  };
}
