/**
 * Every answer the browser mode writes: JSON bodies and errors shaped like the API's
 * ApiErrorPayload (code, message, remedy from the catalogue), and refusals of WebSocket
 * upgrades written straight to the raw socket.
 */
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiErrorPayload } from '../../shared/api/api-contract';
import { ERROR_CATALOG, type ErrorCode } from '../../shared/errors/error-catalog';
import { NO_STORE } from './security-headers';

export function errorBody(code: ErrorCode, message: string): ApiErrorPayload {
  return { code, message, remedy: ERROR_CATALOG[code].remedy };
}

/** Writes a JSON answer (never cached); a HEAD request gets the headers only. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  headOnly = false,
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': NO_STORE,
  });
  response.end(headOnly ? undefined : text);
}

export function sendError(
  response: ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
  headOnly = false,
): void {
  sendJson(response, status, errorBody(code, message), headers, headOnly);
}

/** Refuses a WebSocket upgrade with a plain HTTP answer and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number, code: ErrorCode, message: string, headers: Record<string, string>): void {
  const text = JSON.stringify(errorBody(code, message));
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    ...Object.entries({ ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)), 'Cache-Control': NO_STORE, Connection: 'close' }).map(
      ([name, value]) => `${name}: ${value}`,
    ),
  ];
  if (socket.writable) socket.end(`${lines.join('\r\n')}\r\n\r\n${text}`);
  else socket.destroy();
}
