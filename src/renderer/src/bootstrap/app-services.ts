/**
 * Everything one window needs, created once at startup (or per test) and handed down through
 * React context: no module-level sockets, timers or stores.
 */
import type { ComponentType } from 'react';
import type { ChainLensApi } from '../../../shared/api/api-contract';
import type { Clock, Scheduler } from '../../../shared/util/clock';
import type { TransportMonitor } from '../api/transport-status';
import type { ChartViewProps } from '../charts/chart-view';
import { ChainStream } from '../chain/chain-stream';
import { TickLogRing } from '../diagnostics/tick-log-ring';
import { TickLogWatch } from '../diagnostics/tick-log-watch';
import { createAppStore, type AppStore } from '../store/app-store';
import type { StateStorage } from 'zustand/middleware';

export interface AppServices {
  readonly api: ChainLensApi;
  /** The socket's state in browser mode; null in Electron. */
  readonly monitor: TransportMonitor | null;
  readonly store: AppStore;
  readonly stream: ChainStream;
  readonly tickLog: TickLogRing;
  /** Tick-log pushes are asked for only while a view shows the log. */
  readonly tickLogWatch: TickLogWatch;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** Draws one chart; AG Charts in the app, a stand-in where there is no canvas (happy-dom). */
  readonly ChartView: ComponentType<ChartViewProps>;
  /** Called with a component's name on each of its renders, when profiling; otherwise absent. */
  readonly countRender?: (component: string) => void;
}

export interface CreateServicesOptions {
  readonly api: ChainLensApi;
  readonly monitor: TransportMonitor | null;
  readonly storage: StateStorage;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly ChartView: ComponentType<ChartViewProps>;
  /** Tick log entries kept. Default 5 000. */
  readonly tickLogCapacity?: number;
  /** Render counter for tests and profiling. Default: none. */
  readonly countRender?: (component: string) => void;
}

export function createServices(options: CreateServicesOptions): AppServices {
  const store = createAppStore({ storage: options.storage });
  return {
    api: options.api,
    monitor: options.monitor,
    store,
    stream: new ChainStream({ api: options.api, store }),
    tickLog: new TickLogRing(options.tickLogCapacity),
    tickLogWatch: new TickLogWatch(options.api),
    clock: options.clock,
    scheduler: options.scheduler,
    ChartView: options.ChartView,
    ...(options.countRender ? { countRender: options.countRender } : {}),
  };
}
