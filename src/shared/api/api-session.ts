/**
 * The main-process side of the API contract, independent of transport. A front door (the
 * Electron IPC host, the browser-mode WebSocket server, a test) connects an `ApiClient` to an
 * `ApiBackend` and gets an `ApiSession`; every raw message from the client goes through
 * `session.invoke`, which validates the method and payload before any handler sees them.
 */
import { ERROR_CATALOG } from '../errors/error-catalog';
import { isAppError } from '../errors/app-error';
import { isInvokeMethod, type ApiResult, type EventMap, type EventName, type InvokeMap, type InvokeMethod } from './api-contract';
import { parseRequest } from './api-schemas';

/** One connected UI (an Electron window, a browser tab). */
export interface ApiClient {
  readonly id: string;
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
}

/** Handlers receive validated requests only. */
export type ApiHandlers = {
  [K in InvokeMethod]: (request: InvokeMap[K]['req']) => Promise<InvokeMap[K]['res']>;
};

export interface ApiSession {
  /** Validates and dispatches one raw request; never rejects. */
  invoke(method: unknown, payload: unknown): Promise<ApiResult<unknown>>;
  close(): void;
}

export interface ApiBackend {
  /** Starts pushing events to `client` and returns the session that serves its requests. */
  connect(client: ApiClient): ApiSession;
}

/** Hook for errors that are not AppErrors (bugs): the caller logs them; the client sees API_INTERNAL. */
export type InternalErrorReporter = (method: string, error: unknown) => void;

export async function dispatchInvoke(
  handlers: ApiHandlers,
  method: unknown,
  payload: unknown,
  reportInternal: InternalErrorReporter,
): Promise<ApiResult<unknown>> {
  if (!isInvokeMethod(method)) return failure('API_UNKNOWN_METHOD', 'Unknown operation');
  const parsed = parseRequest(method, payload);
  if (!parsed.ok) return failure('API_BAD_REQUEST', parsed.message);
  try {
    const handler = handlers[method] as (request: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.value) };
  } catch (error) {
    if (isAppError(error)) return failure(error.code, error.message);
    reportInternal(method, error);
    return failure('API_INTERNAL', `${method} failed unexpectedly`);
  }
}

export function failure(code: keyof typeof ERROR_CATALOG, message: string): ApiResult<never> {
  return { ok: false, error: { code, message, remedy: ERROR_CATALOG[code].remedy } };
}
