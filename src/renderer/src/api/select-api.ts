/**
 * Picks the page's link to the engine at startup: the preload's window.chainlens inside
 * Electron, otherwise (the browser mode) a WebSocket back to the server that served the page.
 */
import { API_GLOBAL_NAME, type ChainLensApi } from '../../../shared/api/api-contract';
import { buildApi } from '../../../shared/api/api-bridge';
import type { Scheduler } from '../../../shared/util/clock';
import { apiSocketUrl, readAccessKey } from './access-key';
import type { TransportMonitor } from './transport-status';
import { WebSocketTransport, type AccessProbeResult, type SocketFactory, type SocketLike } from './ws-transport';

export interface SelectedApi {
  readonly api: ChainLensApi;
  /** The socket's state for the connection banner; null inside Electron (IPC does not drop). */
  readonly monitor: TransportMonitor | null;
  /** Closes what this module opened. */
  readonly dispose: () => void;
}

export interface SelectApiOptions {
  readonly win: Window;
  readonly scheduler: Scheduler;
  /** Default: the page's own WebSocket constructor. */
  readonly createSocket?: SocketFactory;
}

/**
 * The page's own WebSocket. DOM typings give its handlers event-specific parameter types; at
 * run time it has exactly the members SocketLike names, so the cast only narrows the view.
 */
function pageSocket(win: Window, url: string): SocketLike {
  return new (win as Window & typeof globalThis).WebSocket(url) as unknown as SocketLike;
}

/**
 * Re-requests the page itself with the same key: 401 means the server no longer accepts it
 * (it restarted with a new one). The URL is only fetched, never logged.
 */
export async function probePageAccess(win: Window): Promise<AccessProbeResult> {
  try {
    const response = await win.fetch(win.location.href, { cache: 'no-store' });
    return response.status === 401 ? 'unauthorized' : 'authorized';
  } catch {
    // A refused TCP connection: the server is down, which reconnecting handles.
    return 'unreachable';
  }
}

/** window.chainlens when the preload provided it, else a started WebSocket transport. */
export function selectApi({ win, scheduler, createSocket }: SelectApiOptions): SelectedApi {
  const injected = (win as unknown as Record<string, unknown>)[API_GLOBAL_NAME] as ChainLensApi | undefined;
  if (injected) return { api: injected, monitor: null, dispose: () => undefined };

  const key = readAccessKey(win.location.search);
  const transport = new WebSocketTransport({
    url: key === null ? null : apiSocketUrl(win.location, key),
    createSocket: createSocket ?? ((url) => pageSocket(win, url)),
    scheduler,
    probeAccess: () => probePageAccess(win),
  });
  transport.start();
  return { api: buildApi(transport), monitor: transport, dispose: () => transport.dispose() };
}
