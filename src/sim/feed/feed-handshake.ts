/**
 * Decides how to answer a WebSocket upgrade to the simulated feed, from the URL alone:
 * wss://api-feed.dhan.co?version=2&token=…&clientId=…&authType=2 (the real URL has no path,
 * so only `/` is served).
 *
 * - a handshake fault → its status (401/429);
 * - a path other than `/` → 404; `version` other than 2 or `authType` other than 2 → 400;
 * - a token the simulator never issued (or none) → 401 at the handshake;
 * - otherwise the upgrade proceeds; an expired token is then disconnected with 807 and a wrong
 *   client id with 810, by a disconnect packet, like DhanHQ's data-API codes.
 */
import type { TokenRegistry, TokenStatus } from '../auth/token-registry';

export type HandshakeDecision =
  | { readonly action: 'reject'; readonly status: number; readonly reason: string }
  | { readonly action: 'accept'; readonly token: string; readonly tokenStatus: Exclude<TokenStatus, 'invalid'>; readonly clientIdOk: boolean };

/** How to answer an upgrade to `rawUrl` (path and query only). */
export function decideHandshake(
  rawUrl: string,
  tokens: TokenRegistry,
  clientId: string,
  faultStatus: 401 | 429 | null,
): HandshakeDecision {
  if (faultStatus !== null) return { action: 'reject', status: faultStatus, reason: 'fault' };
  const url = new URL(rawUrl, 'ws://simulator.invalid');
  if (url.pathname !== '/') return { action: 'reject', status: 404, reason: 'unknown path' };
  if (url.searchParams.get('version') !== '2') return { action: 'reject', status: 400, reason: 'version must be 2' };
  if (url.searchParams.get('authType') !== '2') return { action: 'reject', status: 400, reason: 'authType must be 2' };
  const token = url.searchParams.get('token') ?? '';
  const status = tokens.status(token);
  if (status === 'invalid') return { action: 'reject', status: 401, reason: 'invalid token' };
  return { action: 'accept', token, tokenStatus: status, clientIdOk: url.searchParams.get('clientId') === clientId };
}
