/**
 * Every delay the feed connections use, in one place, with DhanHQ's reasons. Tests and the
 * simulator override single fields; production uses the defaults.
 */
import type { BackoffPolicy } from './backoff';

export interface FeedTiming {
  /** Reconnect after a dropped socket or an unlisted reason. Default 1 s doubling to 30 s, ±20 %. */
  readonly reconnect: BackoffPolicy;
  /**
   * Reconnect after 805 (too many connections) or HTTP 429 at the handshake: reconnecting at
   * once would kick another of the user's five sockets or extend the block. Default 60 s
   * doubling to 5 min, ±20 %.
   */
  readonly coolOff: BackoffPolicy;
  /** The handshake (TCP + TLS + HTTP upgrade) must finish within this. Default 15 000 ms. */
  readonly handshakeTimeoutMs: number;
  /**
   * During market hours, a subscribed socket with no frame for this long is treated as stalled
   * and replaced (OpenAlgo uses 90 s; ticks on index options arrive every second). Default 60 000 ms.
   */
  readonly silentAfterMs: number;
  /** During market hours, no frame for this long shows the feed as 'silent' (no action yet). Default 10 000 ms. */
  readonly silentNoticeMs: number;
  /**
   * DhanHQ pings every 10 s and drops a client silent for 40 s. Once the server has pinged on
   * a socket, nothing inbound (ping, pong or frame) for this long means the socket is dead,
   * market open or not. Default 45 000 ms.
   */
  readonly pingTimeoutMs: number;
  /** How often the watchdog looks. Default 5 000 ms. */
  readonly watchdogIntervalMs: number;
  /** A close handshake that takes longer is cut short by destroying the socket. Default 2 000 ms. */
  readonly closeTimeoutMs: number;
}

export const DEFAULT_FEED_TIMING: FeedTiming = Object.freeze({
  reconnect: Object.freeze({ initialMs: 1_000, multiplier: 2, maxMs: 30_000, jitterRatio: 0.2 }),
  coolOff: Object.freeze({ initialMs: 60_000, multiplier: 2, maxMs: 300_000, jitterRatio: 0.2 }),
  handshakeTimeoutMs: 15_000,
  silentAfterMs: 60_000,
  silentNoticeMs: 10_000,
  pingTimeoutMs: 45_000,
  watchdogIntervalMs: 5_000,
  closeTimeoutMs: 2_000,
});
