/**
 * Asks the engine for tick-log pushes while at least one view shows the log, and stops them
 * when none does: a busy feed's log is about 30 KB of JSON four times a second. After the
 * browser-mode socket comes back the engine knows nothing of this window, so `reassert` asks
 * again. A refused request is kept for the view to show (code, message, remedy) until the wish
 * changes: a refused stop is not shown to a view mounted afterwards, and an answer that arrives
 * after a newer request was sent is not shown at all.
 */
import type { ApiErrorPayload, ChainLensApi } from '../../../shared/api/api-contract';
import { invokeSafely } from '../api/api-failure';

export class TickLogWatch {
  private watchers = 0;
  private failure: ApiErrorPayload | null = null;
  /** Requests sent so far: only the latest one's answer is shown. */
  private sent = 0;
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
    if (this.watchers === 1) void this.send(true, true);
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      this.watchers -= 1;
      if (this.watchers === 0) void this.send(false, true);
    };
  }

  /** Repeats the current wish to an engine that may have forgotten it (a new connection). */
  reassert(): Promise<void> {
    return this.watchers > 0 ? this.send(true, false) : Promise.resolve();
  }

  /** Called when `error` changes. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** `changed`: the wish differs from the last request's, so that request's refusal no longer applies. */
  private async send(watching: boolean, changed: boolean): Promise<void> {
    const request = ++this.sent;
    if (changed) this.setFailure(null);
    const result = await invokeSafely('watchTickLog', () => this.api.watchTickLog({ watching }));
    if (request === this.sent) this.setFailure(result.ok ? null : result.error);
  }

  private setFailure(failure: ApiErrorPayload | null): void {
    if (failure === this.failure) return;
    this.failure = failure;
    for (const listener of [...this.listeners]) listener();
  }
}
