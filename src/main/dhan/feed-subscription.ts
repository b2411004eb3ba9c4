/**
 * What the engine asks the feed for (instrument + mode) and the pure diff that turns "what a
 * socket has" and "what it should have" into DhanHQ subscribe / unsubscribe messages.
 */
import { EXCHANGE_SEGMENT_CODE, instrumentKey } from '../../shared/feed/exchange-segment';
import { buildSubscribeMessages, buildUnsubscribeMessages } from '../../shared/feed/subscription-messages';
import type { FeedMode, InstrumentRef } from '../../shared/model/instruments';

export interface FeedSubscription extends InstrumentRef {
  readonly mode: FeedMode;
}

const MODES: readonly FeedMode[] = ['ticker', 'quote', 'full'];

/** One number per (segment, security id); see instrumentKey. */
export function subscriptionKey(ref: InstrumentRef): number {
  return instrumentKey(EXCHANGE_SEGMENT_CODE[ref.segment], ref.securityId);
}

/**
 * The JSON messages that move a socket from `current` to `desired`: unsubscribes first (an
 * instrument that changes mode is unsubscribed from its old mode, then subscribed in the new
 * one), grouped by mode in the order ticker, quote, full, at most 100 instruments each.
 */
export function subscriptionMessages(
  current: ReadonlyMap<number, FeedSubscription>,
  desired: ReadonlyMap<number, FeedSubscription>,
): string[] {
  const unsubscribe = groupByMode();
  const subscribe = groupByMode();
  for (const [key, had] of current) {
    const want = desired.get(key);
    if (want === undefined || want.mode !== had.mode) unsubscribe.get(had.mode)?.push(had);
  }
  for (const [key, want] of desired) {
    const had = current.get(key);
    if (had === undefined || had.mode !== want.mode) subscribe.get(want.mode)?.push(want);
  }
  const messages: string[] = [];
  for (const mode of MODES) messages.push(...buildUnsubscribeMessages(mode, unsubscribe.get(mode) ?? []));
  for (const mode of MODES) messages.push(...buildSubscribeMessages(mode, subscribe.get(mode) ?? []));
  return messages;
}

function groupByMode(): Map<FeedMode, FeedSubscription[]> {
  return new Map(MODES.map((mode) => [mode, []]));
}
