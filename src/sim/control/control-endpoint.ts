/**
 * The loopback-only HTTP control API, for tests in other processes and for support staff:
 *   POST /control/fault  {"action":"disconnect","code":807} … (see control-schema.ts)
 *   POST /control/reset
 *   GET  /control/state  → {"faults":…,"history":[…],"stats":…}
 * Requests from any address other than loopback are refused with 403.
 */
import type { Clock } from '../../shared/util/clock';
import type { FaultControl, MalformedKind } from '../faults/fault-types';
import { controlRequestSchema, type ControlRequest } from './control-schema';

export interface ControlAnswer {
  readonly status: number;
  readonly body: unknown;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** True for 127.0.0.1 and ::1 (also IPv4-mapped). */
export function isLoopback(address: string | undefined): boolean {
  return address !== undefined && LOOPBACK.has(address);
}

export class ControlEndpoint {
  constructor(
    private readonly faults: FaultControl,
    private readonly clock: Clock,
    private readonly stats: () => unknown,
  ) {}

  handle(method: string, path: string, remoteAddress: string | undefined, body: string): ControlAnswer {
    if (!isLoopback(remoteAddress)) return { status: 403, body: { ok: false, error: 'control is loopback-only' } };
    if (path === '/control/state' && method === 'GET') {
      return { status: 200, body: { ok: true, faults: this.faults.state(), history: this.faults.history(), stats: this.stats() } };
    }
    if (path === '/control/reset' && method === 'POST') {
      this.faults.reset();
      return { status: 200, body: { ok: true } };
    }
    if (path !== '/control/fault') return { status: 404, body: { ok: false, error: 'unknown control path' } };
    if (method !== 'POST') return { status: 405, body: { ok: false, error: 'use POST' } };
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return { status: 400, body: { ok: false, error: 'body is not JSON' } };
    }
    const parsed = controlRequestSchema.safeParse(json);
    if (!parsed.success) return { status: 400, body: { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } };
    return { status: 200, body: { ok: true, result: this.apply(parsed.data) } };
  }

  private apply(request: ControlRequest): unknown {
    const f = this.faults;
    switch (request.action) {
      case 'disconnect':
        return { affected: f.disconnect(request.code, request.target) };
      case 'drop':
        return { affected: f.drop(request.target) };
      case 'silent':
        return f.setSilent(request.on);
      case 'server-pings':
        return f.setServerPings(request.on);
      case 'answer-pings':
        return f.setAnswerPings(request.on);
      case 'packets-per-frame':
        return f.setPacketsPerFrame(request.n);
      case 'reject-handshakes':
        return f.rejectHandshakes(request.status, request.times);
      case 'malformed':
        return { affected: f.sendMalformed(request.kind as MalformedKind, request.target) };
      case 'rest':
        return f.setRestFault(request.fault);
      case 'expire-token': {
        const at = request.atMs ?? this.clock.nowMs() + (request.inMs ?? 0);
        f.expireTokenAt(at);
        return { expiresAtMs: at };
      }
      case 'set-token':
        return f.setValidToken(request.token);
      case 'renew-token':
        return { token: f.renewToken() };
      case 'reset':
        return f.reset();
    }
  }
}
