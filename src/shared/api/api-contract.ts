/**
 * The one contract between the engine and the UI. The Electron preload and the browser-mode
 * WebSocket client are both generated from these lists, and both main-side hosts dispatch on
 * them; adding an operation means adding it here first.
 */
import type {
  AppState,
  ChainBatch,
  ChainSelection,
  ChainSnapshot,
  CredentialCheckResult,
  CredentialSummary,
  DiagnosticsSnapshot,
  RecordingStatus,
  SupportBundleResult,
  TickLogEntry,
} from './view-types';
import type { ErrorCode } from '../errors/error-catalog';

export interface CredentialInput {
  readonly clientId: string;
  readonly accessToken: string;
}

export interface ExternalLinkRequest {
  readonly url: string;
}

/** Whether this client wants the tick log pushed (its diagnostics panel shows it). */
export interface TickLogWatchRequest {
  readonly watching: boolean;
}

/** Operation name → request and response. `void` requests take no argument. */
export interface InvokeMap {
  getAppState: { req: void; res: AppState };
  getDiagnostics: { req: void; res: DiagnosticsSnapshot };
  selectChain: { req: ChainSelection; res: ChainSnapshot };
  /** Starts (with the newest entries at once) or stops the tick-log pushes to this client. */
  watchTickLog: { req: TickLogWatchRequest; res: null };
  testCredentials: { req: CredentialInput; res: CredentialCheckResult };
  saveCredentials: { req: CredentialInput; res: CredentialSummary };
  clearCredentials: { req: void; res: CredentialSummary };
  reconnectFeed: { req: void; res: null };
  reloadInstrumentMaster: { req: void; res: null };
  exportSupportBundle: { req: void; res: SupportBundleResult };
  startRecording: { req: void; res: RecordingStatus };
  stopRecording: { req: void; res: RecordingStatus };
  openExternal: { req: ExternalLinkRequest; res: { opened: boolean } };
  restartToUpdate: { req: void; res: null };
}

/** Event name → payload, pushed from the engine. */
export interface EventMap {
  appState: AppState;
  chainSnapshot: ChainSnapshot;
  chainBatch: ChainBatch;
  diagnostics: DiagnosticsSnapshot;
  tickLog: readonly TickLogEntry[];
}

export type InvokeMethod = keyof InvokeMap;
export type EventName = keyof EventMap;

export const INVOKE_METHODS = [
  'getAppState',
  'getDiagnostics',
  'selectChain',
  'watchTickLog',
  'testCredentials',
  'saveCredentials',
  'clearCredentials',
  'reconnectFeed',
  'reloadInstrumentMaster',
  'exportSupportBundle',
  'startRecording',
  'stopRecording',
  'openExternal',
  'restartToUpdate',
] as const satisfies readonly InvokeMethod[];

export const EVENT_NAMES = [
  'appState',
  'chainSnapshot',
  'chainBatch',
  'diagnostics',
  'tickLog',
] as const satisfies readonly EventName[];

/** How an invoke result crosses a process boundary: errors keep their stable code. */
export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiErrorPayload };

export interface ApiErrorPayload {
  readonly code: ErrorCode;
  readonly message: string;
  readonly remedy: string;
}

export type EventListenerName<E extends EventName> = `on${Capitalize<E>}`;

/**
 * Invoke functions resolve to an ApiResult rather than throwing: an exception would lose its
 * stable code crossing contextBridge or a WebSocket, and the caller must handle both outcomes.
 */
type InvokeFunctions = {
  [K in InvokeMethod]: InvokeMap[K]['req'] extends void
    ? () => Promise<ApiResult<InvokeMap[K]['res']>>
    : (request: InvokeMap[K]['req']) => Promise<ApiResult<InvokeMap[K]['res']>>;
};

type EventSubscriptions = {
  [K in EventName as EventListenerName<K>]: (listener: (payload: EventMap[K]) => void) => () => void;
};

/** The API object the renderer uses: window.chainlens in Electron, a WebSocket client in a browser. */
export type ChainLensApi = InvokeFunctions & EventSubscriptions & { readonly transport: 'electron' | 'browser' };

export const API_GLOBAL_NAME = 'chainlens';

export function invokeChannel(method: InvokeMethod): string {
  return `chainlens:invoke:${method}`;
}

export function eventChannel(event: EventName): string {
  return `chainlens:event:${event}`;
}

export function eventListenerName<E extends EventName>(event: E): EventListenerName<E> {
  return `on${event.charAt(0).toUpperCase()}${event.slice(1)}` as EventListenerName<E>;
}

export function isInvokeMethod(value: unknown): value is InvokeMethod {
  return typeof value === 'string' && (INVOKE_METHODS as readonly string[]).includes(value);
}
