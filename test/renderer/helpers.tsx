/**
 * Shared test scaffolding: a manual scheduler, an in-memory storage, a chart stand-in (AG
 * Charts needs a canvas happy-dom lacks) and `renderApp`, which mounts the real App on a
 * FakeEngine and waits for the first chain snapshot.
 */
import { act, render, type RenderResult } from '@testing-library/react';
import { Profiler, useRef } from 'react';
import type { StateStorage } from 'zustand/middleware';
import { ManualClock, type Scheduler, type TimerHandle } from '../../src/shared/util/clock';
import type { TransportMonitor } from '../../src/renderer/src/api/transport-status';
import { AppController } from '../../src/renderer/src/bootstrap/app-controller';
import { createServices, type AppServices } from '../../src/renderer/src/bootstrap/app-services';
import type { ChartViewProps } from '../../src/renderer/src/charts/chart-view';
import { App } from '../../src/renderer/src/app';
import { FAKE_NOW_MS, FakeEngine, type FakeEngineOptions } from './fake-api';

interface Timer {
  readonly id: number;
  at: number;
  readonly period: number | null;
  readonly callback: () => void;
}

/** Timers that fire only when the test advances time. */
export class ManualScheduler implements Scheduler {
  private readonly timers = new Map<number, Timer>();
  private nextId = 1;

  constructor(private readonly clock: ManualClock) {}

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { id, at: this.clock.nowMs() + delayMs, period: null, callback });
    return id;
  }

  clearTimeout(handle: TimerHandle | null | undefined): void {
    if (typeof handle === 'number') this.timers.delete(handle);
  }

  setInterval(callback: () => void, periodMs: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { id, at: this.clock.nowMs() + periodMs, period: periodMs, callback });
    return id;
  }

  clearInterval(handle: TimerHandle | null | undefined): void {
    this.clearTimeout(handle);
  }

  /** Pending timers (timeouts and intervals). */
  get pending(): number {
    return this.timers.size;
  }

  /** Delays of the pending one-shot timers, soonest first. */
  pendingDelays(): number[] {
    return [...this.timers.values()]
      .filter((t) => t.period === null)
      .map((t) => t.at - this.clock.nowMs())
      .sort((a, b) => a - b);
  }

  /** Moves the clock forward, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.clock.nowMs() + ms;
    for (;;) {
      const due = [...this.timers.values()].filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.clock.set(Math.max(this.clock.nowMs(), due.at));
      if (due.period === null) this.timers.delete(due.id);
      else due.at += due.period;
      due.callback();
    }
    this.clock.set(end);
  }
}

export function memoryStorage(initial: Record<string, string> = {}): StateStorage & { readonly data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

/**
 * Shows what a chart would draw, as data attributes: series names, point count, and how many
 * times it was handed new options (each one is a redraw in AG Charts).
 */
export function StubChartView({ options, label, testId }: ChartViewProps): React.JSX.Element {
  const series = (options.series ?? []).map((s) => ('yName' in s ? String(s.yName) : s.type));
  const redraws = useRef({ options, count: 0 });
  if (redraws.current.options !== options) redraws.current = { options, count: redraws.current.count + 1 };
  return (
    <figure
      data-testid={testId}
      aria-label={label}
      data-points={options.data?.length ?? 0}
      data-series={series.join('|')}
      data-redraws={redraws.current.count}
    >
      {typeof options.title === 'object' ? String(options.title.text ?? '') : ''}
    </figure>
  );
}

export interface RenderedApp extends RenderResult {
  readonly engine: FakeEngine;
  readonly services: AppServices;
  readonly clock: ManualClock;
  readonly scheduler: ManualScheduler;
  readonly storage: ReturnType<typeof memoryStorage>;
  /** React commits of the whole tree so far (AG Grid's own cell updates included). */
  commits(): number;
  /** Renders of each of our components so far, by name. */
  renders(): Record<string, number>;
  controller: AppController;
}

export interface RenderAppOptions extends FakeEngineOptions {
  readonly engine?: FakeEngine;
  readonly monitor?: TransportMonitor | null;
  readonly storage?: ReturnType<typeof memoryStorage>;
  /** Changes the engine before the app starts. */
  readonly prepare?: (engine: FakeEngine) => void;
}

/** Lets pending promises (fake invokes are async) and React updates settle. */
export async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

export async function renderApp(options: RenderAppOptions = {}): Promise<RenderedApp> {
  const clock = new ManualClock(FAKE_NOW_MS);
  const scheduler = new ManualScheduler(clock);
  const engine = options.engine ?? new FakeEngine({ ...options, nowMs: () => clock.nowMs() });
  options.prepare?.(engine);
  const storage = options.storage ?? memoryStorage();
  const renderCounts: Record<string, number> = {};
  const services = createServices({
    api: engine.api,
    monitor: options.monitor ?? null,
    storage,
    clock,
    scheduler,
    ChartView: StubChartView,
    countRender: (component) => {
      renderCounts[component] = (renderCounts[component] ?? 0) + 1;
    },
  });
  const controller = new AppController(services);
  let commitCount = 0;
  const result = render(
    <Profiler id="app" onRender={() => (commitCount += 1)}>
      <App services={services} />
    </Profiler>,
  );
  await act(async () => controller.start());
  await settle();
  await settle();
  return { ...result, engine, services, clock, scheduler, storage, controller, commits: () => commitCount, renders: () => ({ ...renderCounts }) };
}
