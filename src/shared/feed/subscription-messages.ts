/**
 * JSON text messages the client sends to the feed: subscribe / unsubscribe in chunks of at
 * most 100 instruments (SecurityId as a string, segment as its name), and disconnect.
 */
import type { ExchangeSegmentName, FeedMode } from '../model/instruments';
import { FEED_LIMITS, REQUEST_CODE } from './feed-layout';

export interface SubscriptionInstrument {
  readonly segment: ExchangeSegmentName;
  readonly securityId: number;
}

const SUBSCRIBE_CODE: Readonly<Record<FeedMode, number>> = {
  ticker: REQUEST_CODE.SUBSCRIBE_TICKER,
  quote: REQUEST_CODE.SUBSCRIBE_QUOTE,
  full: REQUEST_CODE.SUBSCRIBE_FULL,
};

export function subscribeRequestCode(mode: FeedMode): number {
  return SUBSCRIBE_CODE[mode];
}

export function unsubscribeRequestCode(mode: FeedMode): number {
  return SUBSCRIBE_CODE[mode] + 1;
}

/** The feed mode a subscribe or unsubscribe request code refers to, or null. */
export function modeOfRequestCode(code: number): FeedMode | null {
  for (const mode of ['ticker', 'quote', 'full'] as const) {
    if (code === SUBSCRIBE_CODE[mode] || code === SUBSCRIBE_CODE[mode] + 1) return mode;
  }
  return null;
}

/** Subscribe messages for `instruments` in `mode`, at most 100 instruments each. */
export function buildSubscribeMessages(mode: FeedMode, instruments: readonly SubscriptionInstrument[]): string[] {
  return chunkMessages(subscribeRequestCode(mode), instruments);
}

/** Unsubscribe messages (request code = subscribe + 1), at most 100 instruments each. */
export function buildUnsubscribeMessages(mode: FeedMode, instruments: readonly SubscriptionInstrument[]): string[] {
  return chunkMessages(unsubscribeRequestCode(mode), instruments);
}

export const DISCONNECT_MESSAGE = JSON.stringify({ RequestCode: REQUEST_CODE.DISCONNECT });

function chunkMessages(requestCode: number, instruments: readonly SubscriptionInstrument[]): string[] {
  const messages: string[] = [];
  const size = FEED_LIMITS.INSTRUMENTS_PER_MESSAGE;
  for (let start = 0; start < instruments.length; start += size) {
    const chunk = instruments.slice(start, start + size);
    messages.push(
      JSON.stringify({
        RequestCode: requestCode,
        InstrumentCount: chunk.length,
        InstrumentList: chunk.map((i) => ({ ExchangeSegment: i.segment, SecurityId: String(i.securityId) })),
      }),
    );
  }
  return messages;
}
