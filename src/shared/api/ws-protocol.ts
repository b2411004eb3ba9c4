/**
 * The browser mode's WebSocket transport for the API contract: JSON text frames.
 *
 *   page → server  { "id": 7, "method": "selectChain", "request": { … } }
 *   server → page  { "id": 7, "result": { "ok": true, "value": … } }
 *   server → page  { "event": "chainBatch", "payload": { … } }
 *
 * The page is served at http://127.0.0.1:PORT/?key=KEY and connects to
 * ws://127.0.0.1:PORT/api?key=KEY; KEY is random per run and required on every request.
 */
import type { ApiResult, EventName } from './api-contract';

export const WS_API_PATH = '/api';
export const ACCESS_KEY_PARAM = 'key';

export interface WsInvokeMessage {
  readonly id: number;
  readonly method: string;
  readonly request: unknown;
}

export interface WsResultMessage {
  readonly id: number;
  readonly result: ApiResult<unknown>;
}

export interface WsEventMessage {
  readonly event: EventName;
  readonly payload: unknown;
}

export type WsServerMessage = WsResultMessage | WsEventMessage;
