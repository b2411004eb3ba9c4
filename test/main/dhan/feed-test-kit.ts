/**
 * Shared set-up for the feed integration tests: a pool wired to a loopback server, virtual
 * time, a memory log that does NOT redact (so a leaked token would show), and recorders for
 * frames, state changes and disconnect records.
 */
import type { ConnectionDiagnostics, DisconnectRecord } from '../../../src/shared/api/view-types';
import { createMemoryLogger } from '../../../src/main/logging/logger';
import type { Redactor } from '../../../src/main/logging/redactor';
import type { DhanCredentials } from '../../../src/main/dhan/dhan-credentials';
import { FeedPool, type FeedPoolOptions } from '../../../src/main/dhan/feed-pool';
import type { FeedSubscription } from '../../../src/main/dhan/feed-subscription';
import { VirtualTime } from '../../fixtures/dhan/virtual-time';
import type { LoopbackFeedServer } from '../../fixtures/dhan/loopback-feed-server';

export const TOKEN = 'eyJhbGciOiJIUzUxMiJ9.secret-token-payload.signature';
export const CLIENT_ID = '1100123456';
export const CREDENTIALS: DhanCredentials = { clientId: CLIENT_ID, accessToken: TOKEN };

/** Wednesday 2026-01-07 10:00 IST. */
export const MARKET_OPEN_MS = Date.UTC(2026, 0, 7, 4, 30);

/** A redactor that changes nothing: the tests prove our code never hands the token to the logger. */
const passThrough = { redact: (text: string) => text } as unknown as Redactor;

export interface FeedHarness {
  readonly pool: FeedPool;
  readonly time: VirtualTime;
  readonly frames: { bytes: Uint8Array; connectionId: number }[];
  readonly disconnects: DisconnectRecord[];
  readonly states: ConnectionDiagnostics[];
  readonly logLines: () => string[];
  marketOpen: boolean;
}

export function feedHarness(
  server: LoopbackFeedServer,
  overrides: Partial<FeedPoolOptions> = {},
): FeedHarness {
  const time = new VirtualTime(MARKET_OPEN_MS);
  const { logger, lines } = createMemoryLogger(passThrough, 'debug');
  const harness: Omit<FeedHarness, 'pool'> & { pool?: FeedPool } = {
    time,
    frames: [],
    disconnects: [],
    states: [],
    logLines: lines,
    marketOpen: true,
  };
  harness.pool = new FeedPool({
    feedUrl: server.url,
    credentials: CREDENTIALS,
    clock: time,
    scheduler: time,
    logger,
    random: () => 0.5, // no jitter: delays are exactly initial × 2^attempt
    isMarketOpen: () => harness.marketOpen,
    onFrame: (bytes, connectionId) => harness.frames.push({ bytes: Uint8Array.from(bytes), connectionId }),
    onStateChange: (d) => harness.states.push(d),
    onDisconnect: (r) => harness.disconnects.push(r),
    ...overrides,
  });
  return harness as FeedHarness;
}

/** `count` NSE_FNO instruments in quote mode with ids from `firstId`. */
export function instruments(
  count: number,
  firstId = 40_000,
  mode: FeedSubscription['mode'] = 'quote',
): FeedSubscription[] {
  return Array.from({ length: count }, (_, i) => ({
    segment: 'NSE_FNO' as const,
    securityId: firstId + i,
    mode,
  }));
}

/** Total instruments in the subscribe messages a server connection has seen. */
export function subscribedCount(
  messages: readonly { RequestCode: number; InstrumentCount?: number }[],
): number {
  return messages
    .filter((m) => m.RequestCode % 2 === 1)
    .reduce((sum, m) => sum + (m.InstrumentCount ?? 0), 0);
}

/** Resolves once the pool's connection `id` reports `state`. */
export async function untilState(harness: FeedHarness, id: number, state: string): Promise<void> {
  for (;;) {
    if (harness.pool.diagnostics().find((d) => d.id === id)?.state === state) return;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** Resolves once `predicate` holds; polls every millisecond so client-side socket events get through. */
export async function waitFor(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setTimeout(resolve, 1));
}
