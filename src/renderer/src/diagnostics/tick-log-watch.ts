/**
 * Asks the engine for tick-log pushes while at least one view shows the log, and stops them
 * when none does: a busy feed's log is about 30 KB of JSON four times a second. After the
 * browser-mode socket comes back the engine knows nothing of this window, so `reassert` asks
 * again. A refused request is kept for the view to show (code, message, remedy).
 */
import type { ApiErrorPayload, ChainLensApi } from '../../../shared/api/api-contract';
import { invokeSafely } from '../api/api-failure';

export class TickLogWatch {
  private watchers = 0;
  private failure: ApiErrorPayload | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly api: Pick<ChainLensApi, 'watchTickLog'>) {}

  /** Why the last request was refused, or null. */
  get error(): ApiErrorPayload | null {
    return this.failure;
  }

  get watching(): boolean {
    return this.watchers > 0;
  }

  /** Starts watching; the returned function stops (each call once). */
  watch(): () => void {
    this.watchers += 1;
    if (this.watchers === 1) void this.send(true);
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      this.watchers -= 1;
      if (this.watchers === 0) void this.send(false);
    };
  }

  /** Repeats the current wish to an engine that may have forgotten it (a new connection). */
  reassert(): Promise<void> {
    return this.watchers > 0 ? this.send(true) : Promise.resolve();
  }

  /** Called when `error` changes. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private async send(watching: boolean): Promise<void> {
    const result = await invokeSafely('watchTickLog', () => this.api.watchTickLog({ watching }));
    const failure = result.ok ? null : result.error;
    if (failure === this.failure) return;
    this.failure = failure;
    for (const listener of [...this.listeners]) listener();
  }
}
