/**
 * Startup: choose the link to the engine (window.chainlens or the browser-mode WebSocket),
 * build the per-window services, start the controller and render. Returns the teardown.
 */
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import type { StateStorage } from 'zustand/middleware';
import { selectApi } from '../api/select-api';
import { App } from '../app';
import type { ChartViewProps } from '../charts/chart-view';
import { browserClock, createBrowserScheduler } from '../util/browser-timers';
import { AppController } from './app-controller';
import { createServices } from './app-services';

// AG Charts is the largest dependency; loading it after the grid keeps the first paint fast.
const LazyAgChartView = lazy(() => import('../charts/ag-chart-view').then((module) => ({ default: module.AgChartView })));

function ChartViewLoader(props: ChartViewProps): React.JSX.Element {
  return (
    <Suspense fallback={<figure className="chart" data-testid={props.testId} aria-label={props.label} aria-busy="true" />}>
      <LazyAgChartView {...props} />
    </Suspense>
  );
}

/** The page's localStorage, or a memory stand-in (with a warning) where storage is refused. */
function pageStorage(win: Window): StateStorage {
  try {
    const storage = win.localStorage;
    storage.getItem('chainlens.probe');
    return storage;
  } catch (error) {
    console.warn('[chainlens] localStorage is unavailable; screen preferences will not be remembered', error);
    const memory = new Map<string, string>();
    return {
      getItem: (key) => memory.get(key) ?? null,
      setItem: (key, value) => void memory.set(key, value),
      removeItem: (key) => void memory.delete(key),
    };
  }
}

export function startApp(win: Window, container: HTMLElement): () => void {
  const scheduler = createBrowserScheduler(win);
  const selected = selectApi({ win, scheduler });
  const services = createServices({
    api: selected.api,
    monitor: selected.monitor,
    storage: pageStorage(win),
    clock: browserClock,
    scheduler,
    ChartView: ChartViewLoader,
  });
  const controller = new AppController(services);
  controller.start();
  const root = createRoot(container);
  root.render(
    <StrictMode>
      <App services={services} />
    </StrictMode>,
  );
  return () => {
    root.unmount();
    controller.dispose();
    selected.dispose();
  };
}
