/**
 * Closing a WebSocket must never hang: a peer that stopped reading never answers the close
 * frame (DhanHQ-py #139). Ask politely, then destroy the socket when the timeout passes.
 */
import WebSocket from 'ws';
import type { Scheduler } from '../../shared/util/clock';

/**
 * Starts a close handshake (code 1000) and resolves when the socket has closed, or destroys it
 * after `timeoutMs` and resolves then. Never rejects. A socket still connecting is aborted at once.
 */
export function closeSocketWithin(socket: WebSocket, timeoutMs: number, scheduler: Scheduler): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  if (socket.readyState === WebSocket.CONNECTING) {
    socket.terminate();
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = scheduler.setTimeout(() => {
      socket.terminate();
      resolve();
    }, timeoutMs);
    socket.once('close', () => {
      scheduler.clearTimeout(timer);
      resolve();
    });
    if (socket.readyState === WebSocket.OPEN) socket.close(1000);
  });
}
