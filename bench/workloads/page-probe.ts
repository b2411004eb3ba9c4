/**
 * Instrumentation injected into the ChainLens page before its scripts run (Playwright
 * addInitScript). It changes nothing the app does; it only watches:
 * - every WebSocket message that carries chain data, stamped on arrival (before the app's own
 *   handler runs: this listener is registered first) — the "grid update is a no-op" baseline;
 * - every change of an LTP cell's text, through a MutationObserver over the grid;
 * - main-thread long tasks (PerformanceObserver 'longtask');
 * - animation frames (requestAnimationFrame timestamps), for frames per second.
 * Times are performance.timeOrigin + performance.now(), comparable with the simulator's.
 */

export interface ProbeData {
  /** [arrival ms, raw message text] of chainBatch / chainSnapshot events. */
  readonly messages: [number, string][];
  /** [ms, row id (strike), column id, cell text] of LTP cell changes. */
  readonly cells: [number, string, string, string][];
  /** [start ms, duration ms] of long tasks. */
  readonly longTasks: [number, number][];
  /** rAF timestamps, ms. */
  readonly frames: number[];
  /** False when the browser would not observe long tasks (then "none seen" proves nothing). */
  longTasksObserved: boolean;
}

declare global {
  interface Window {
    __chainlensProbe?: ProbeData & { drain(): ProbeData };
  }
}

/** Runs in the page. Must be self-contained: Playwright serialises it. */
export function installPageProbe(): void {
  const now = (): number => performance.timeOrigin + performance.now();
  const data: ProbeData = { messages: [], cells: [], longTasks: [], frames: [], longTasksObserved: true };
  const lastText = new Map<string, string>();
  const probe = Object.assign(data, {
    drain(): ProbeData {
      const out: ProbeData = {
        messages: data.messages.splice(0),
        cells: data.cells.splice(0),
        longTasks: data.longTasks.splice(0),
        frames: data.frames.splice(0),
        longTasksObserved: data.longTasksObserved,
      };
      return out;
    },
  });
  window.__chainlensProbe = probe;

  const NativeWebSocket = window.WebSocket;
  class ProbedWebSocket extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (event: MessageEvent) => {
        if (
          typeof event.data === 'string' &&
          (event.data.includes('"chainBatch"') || event.data.includes('"chainSnapshot"'))
        ) {
          data.messages.push([now(), event.data]);
        }
      });
    }
  }
  window.WebSocket = ProbedWebSocket;

  const record = (node: Node): void => {
    const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
    const cell = element?.closest('[role="gridcell"]');
    const colId = cell?.getAttribute('col-id');
    if (!cell || (colId !== 'ce.ltp' && colId !== 'pe.ltp')) return;
    const rowId = cell.closest('[role="row"]')?.getAttribute('row-id');
    if (!rowId) return;
    const text = (cell.querySelector('.tick-value') ?? cell).textContent ?? '';
    const key = `${rowId}|${colId}`;
    if (lastText.get(key) === text) return;
    lastText.set(key, text);
    data.cells.push([now(), rowId, colId, text]);
  };
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === 'characterData') record(m.target);
      else for (const node of m.addedNodes) record(node);
    }
  });
  const observe = (): void =>
    observer.observe(document.documentElement, { subtree: true, childList: true, characterData: true });
  if (document.documentElement) observe();
  else document.addEventListener('DOMContentLoaded', observe);

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        data.longTasks.push([performance.timeOrigin + entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    data.longTasksObserved = false;
  }

  const frame = (t: number): void => {
    data.frames.push(performance.timeOrigin + t);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}
