/**
 * The engine behind the API contract. Each connected UI (an Electron window, a browser tab)
 * gets a session: its requests are validated and dispatched here, and it receives its own
 * chain batches plus the shared low-rate streams (app state on change, diagnostics at 1 Hz,
 * and the tick log a few times a second to a client that asked for it with watchTickLog: about
 * 30 KB of JSON a push on a busy feed, which nobody should pay for with the panel closed).
 */
import type { ApiBackend, ApiClient, ApiHandlers, ApiSession } from '../../shared/api/api-session';
import { dispatchInvoke } from '../../shared/api/api-session';
import type { RecordingStatus, SupportBundleResult } from '../../shared/api/view-types';
import { AppError } from '../../shared/errors/app-error';
import type { Scheduler, TimerHandle } from '../../shared/util/clock';
import type { Logger } from '../logging/logger';
import type { Engine } from './engine';
import { ENGINE_DEFAULTS } from './engine-options';

export interface BackendOptions {
  readonly engine: Engine;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  readonly exportSupportBundle: () => Promise<SupportBundleResult>;
  readonly startRecording: () => Promise<RecordingStatus>;
  readonly stopRecording: () => Promise<RecordingStatus>;
  /** Front-door specific (Electron opens the OS browser); default: refused. */
  readonly openExternal?: (url: string) => Promise<boolean>;
  /** Electron updater's "restart now"; default: not available. */
  readonly restartToUpdate?: () => Promise<void>;
  readonly diagnosticsIntervalMs?: number;
  readonly tickLogIntervalMs?: number;
}

interface Connected {
  readonly client: ApiClient;
  /** Set by watchTickLog; tick-log pushes go only to clients that watch. */
  watchingTicks: boolean;
  tickCursor: number;
  lastStateJson: string;
}

export class EngineBackend implements ApiBackend {
  private readonly connected = new Map<string, Connected>();
  private timers: TimerHandle[] = [];
  private readonly unsubscribeState: () => void;
  private statePending = false;

  constructor(private readonly options: BackendOptions) {
    this.unsubscribeState = options.engine.onStateChange(() => this.scheduleStatePush());
  }

  connect(client: ApiClient): ApiSession {
    const { engine, logger } = this.options;
    const entry: Connected = { client, watchingTicks: false, tickCursor: 0, lastStateJson: '' };
    this.connected.set(client.id, entry);
    this.ensureTimers();
    const handlers = this.handlersFor(entry);
    logger.info({ client: client.id }, 'client connected');
    return {
      invoke: (method, payload) =>
        dispatchInvoke(handlers, method, payload, (name, error) => logger.error({ err: error, method: name, client: client.id }, 'API handler failed')),
      close: () => {
        this.connected.delete(client.id);
        engine.disconnectClient(client.id);
        logger.info({ client: client.id }, 'client disconnected');
        if (this.connected.size === 0) this.clearTimers();
      },
    };
  }

  /** Stops every push timer (the engine itself is stopped by its owner). */
  close(): void {
    this.clearTimers();
    this.unsubscribeState();
    this.connected.clear();
  }

  private handlersFor(entry: Connected): ApiHandlers {
    const { engine } = this.options;
    const client = entry.client;
    return {
      getAppState: () => Promise.resolve(engine.appState()),
      getDiagnostics: () => Promise.resolve(engine.diagnostics()),
      selectChain: (selection) =>
        Promise.resolve(
          engine.openChain(
            {
              id: client.id,
              pushBatch: (out) => {
                if (out && 'batch' in out) client.emit('chainBatch', out.batch);
                else if (out) client.emit('chainSnapshot', out.snapshot);
              },
            },
            selection,
          ),
        ),
      watchTickLog: ({ watching }) => {
        entry.watchingTicks = watching;
        if (watching) {
          // From the start of the log: the push is capped at the newest entries, so the panel opens with them.
          entry.tickCursor = 0;
          this.pushTickLogTo(entry);
        }
        return Promise.resolve(null);
      },
      testCredentials: (input) => engine.testCredentials(input),
      saveCredentials: (input) => engine.saveCredentials(input),
      clearCredentials: () => engine.clearCredentials(),
      reconnectFeed: async () => {
        await engine.reconnectFeed();
        return null;
      },
      reloadInstrumentMaster: async () => {
        await engine.reloadInstrumentMaster();
        return null;
      },
      exportSupportBundle: () => this.options.exportSupportBundle(),
      startRecording: () => this.options.startRecording(),
      stopRecording: () => this.options.stopRecording(),
      openExternal: async ({ url }) => {
        if (!this.options.openExternal) return { opened: false };
        return { opened: await this.options.openExternal(url) };
      },
      restartToUpdate: async () => {
        if (!this.options.restartToUpdate) throw new AppError('UPDATE_FAILED', 'Updates are not available in this build.');
        await this.options.restartToUpdate();
        return null;
      },
    };
  }

  private ensureTimers(): void {
    if (this.timers.length > 0) return;
    const { scheduler } = this.options;
    this.timers.push(
      scheduler.setInterval(() => this.pushDiagnostics(), this.options.diagnosticsIntervalMs ?? ENGINE_DEFAULTS.diagnosticsIntervalMs),
      scheduler.setInterval(() => this.pushTickLog(), this.options.tickLogIntervalMs ?? ENGINE_DEFAULTS.tickLogIntervalMs),
    );
  }

  private clearTimers(): void {
    for (const timer of this.timers) this.options.scheduler.clearInterval(timer);
    this.timers = [];
  }

  private scheduleStatePush(): void {
    if (this.statePending || this.connected.size === 0) return;
    this.statePending = true;
    this.options.scheduler.setTimeout(() => {
      this.statePending = false;
      this.pushState();
    }, 50);
  }

  private pushState(): void {
    const state = this.options.engine.appState();
    const json = JSON.stringify(state);
    for (const entry of this.connected.values()) {
      if (entry.lastStateJson === json) continue;
      entry.lastStateJson = json;
      this.safeEmit(entry, () => entry.client.emit('appState', state));
    }
  }

  private pushDiagnostics(): void {
    const diagnostics = this.options.engine.diagnostics();
    for (const entry of this.connected.values()) this.safeEmit(entry, () => entry.client.emit('diagnostics', diagnostics));
    this.pushState();
  }

  private pushTickLog(): void {
    for (const entry of this.connected.values()) if (entry.watchingTicks) this.pushTickLogTo(entry);
  }

  private pushTickLogTo(entry: Connected): void {
    const { entries, cursor } = this.options.engine.tickLogSince(entry.tickCursor);
    entry.tickCursor = cursor;
    if (entries.length > 0) this.safeEmit(entry, () => entry.client.emit('tickLog', entries));
  }

  private safeEmit(entry: Connected, send: () => void): void {
    try {
      send();
    } catch (error) {
      this.options.logger.warn({ err: error, client: entry.client.id }, 'could not push to client');
    }
  }
}

