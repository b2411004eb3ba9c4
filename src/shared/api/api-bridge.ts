/**
 * Builds the renderer-facing API object from a transport, so the Electron preload and the
 * browser-mode WebSocket client expose exactly the same functions, generated from the lists in
 * api-contract.ts rather than written out by hand twice.
 */
import {
  EVENT_NAMES,
  INVOKE_METHODS,
  eventListenerName,
  type ApiResult,
  type ChainLensApi,
  type EventMap,
  type EventName,
  type InvokeMethod,
} from './api-contract';

export interface ApiTransport {
  readonly kind: ChainLensApi['transport'];
  invoke(method: InvokeMethod, request: unknown): Promise<ApiResult<unknown>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}

export function buildApi(transport: ApiTransport): ChainLensApi {
  const api: Record<string, unknown> = { transport: transport.kind };
  for (const method of INVOKE_METHODS) {
    api[method] = (request?: unknown) => transport.invoke(method, request ?? null);
  }
  for (const event of EVENT_NAMES) {
    api[eventListenerName(event)] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${eventListenerName(event)} needs a function`);
      return transport.subscribe(event, listener as (payload: EventMap[typeof event]) => void);
    };
  }
  return Object.freeze(api) as ChainLensApi;
}
