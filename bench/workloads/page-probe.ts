/**
 * Instrumentation injected into the ChainLens page before its scripts run (Playwright
 * addInitScript). It changes nothing the app does; it only watches:
 * - every WebSocket message that carries chain data, stamped on arrival (before the app's own
 *   handler runs: this listener is registered first) — the "grid update is a no-op" baseline.
 *   Only numbers are kept (arrival time, security id, LTP of each contract in the message),
 *   read by a scan of the JSON text: keeping the messages themselves held about 7 MB of strings
 *   per 15 s window at 20 000 ticks/s, which the page's GC then copied and promoted, work the
 *   app alone never does;
 * - every change of an LTP cell's text, through a MutationObserver over the grid;
 * - main-thread long tasks (PerformanceObserver 'longtask');
 * - animation frames (requestAnimationFrame timestamps), for frames per second.
 * Times are performance.timeOrigin + performance.now(), comparable with the simulator's.
 */

export interface ProbeData {
  /** Flat triples [arrival ms, security id, LTP, …]: one per contract with a price in a chainBatch / chainSnapshot. */
  readonly arrivals: number[];
  /** Chain messages with contracts whose LTP the scan could not find (the message format changed). */
  unreadMessages: number;
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
  const data: ProbeData = {
    arrivals: [],
    unreadMessages: 0,
    cells: [],
    longTasks: [],
    frames: [],
    longTasksObserved: true,
  };
  const lastText = new Map<string, string>();
  const probe = Object.assign(data, {
    drain(): ProbeData {
      const out: ProbeData = {
        arrivals: data.arrivals.splice(0),
        unreadMessages: data.unreadMessages,
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
          scanPrices(event.data, now());
        }
      });
    }
  }
  window.WebSocket = ProbedWebSocket;
  // Each contract of a row is serialised as {"securityId":N,"ltp":X|null,…} (ChainView.side), and
  // a batch's row patch as {"securityId":N,…changed fields}, with "ltp" next when it changed
  // (chain-row-patch.ts): a message whose "ltp" keys are not all read that way has changed format.
  const ID = '"securityId":';
  const LTP = ',"ltp":';
  const isNumberChar = (c: number): boolean =>
    (c >= 48 && c <= 57) || c === 46 || c === 45 || c === 43 || c === 101 || c === 69;
  function scanPrices(text: string, at: number): void {
    let read = 0;
    let seen = 0;
    for (let i = text.indexOf('"ltp":'); i >= 0; i = text.indexOf('"ltp":', i + 6)) seen++;
    for (let i = text.indexOf(ID); i >= 0; i = text.indexOf(ID, i + ID.length)) {
      let j = i + ID.length;
      let id = 0;
      for (let c = text.charCodeAt(j); c >= 48 && c <= 57; c = text.charCodeAt(++j)) id = id * 10 + (c - 48);
      if (!text.startsWith(LTP, j)) continue;
      read++;
      const from = j + LTP.length;
      let to = from;
      while (to < text.length && isNumberChar(text.charCodeAt(to))) to++;
      if (to > from) data.arrivals.push(at, id, Number(text.slice(from, to)));
    }
    if (read < seen) data.unreadMessages++;
  }

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
