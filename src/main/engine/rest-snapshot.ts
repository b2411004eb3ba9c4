/**
 * Fills the cache from a REST option-chain answer when a chain is opened, so prices appear at
 * once instead of after the first ticks. Contracts are matched through the skeleton by strike
 * and side (the answer's security_id may be absent in older server versions); DhanHQ's own IV
 * and greeks go to the view's broker columns, never into ours.
 */
import { EMPTY_REST_QUOTE, type QuoteCache } from '../../shared/cache/quote-cache';
import { EXCHANGE_SEGMENT_CODE } from '../../shared/feed/exchange-segment';
import type { ExpirySkeleton, OptionContract, UnderlyingSkeleton } from '../../shared/model/instruments';
import type { OptionChainResult, OptionChainSide } from '../dhan/option-chain-response';
import type { ChainView } from './chain-view';

/** Applies the answer; returns how many contracts took REST values. */
export function fillFromRestChain(
  chain: OptionChainResult,
  underlying: UnderlyingSkeleton,
  expiry: ExpirySkeleton,
  cache: QuoteCache,
  view: ChainView,
  requestedAtMs: number,
  receivedAtMs: number,
): number {
  const byStrike = new Map(expiry.strikes.map((s) => [s.strike, s]));
  let filled = 0;
  for (const row of chain.rows) {
    const strike = byStrike.get(row.strike);
    if (!strike) continue;
    filled += fillSide(row.ce, strike.ce, cache, view, requestedAtMs, receivedAtMs);
    filled += fillSide(row.pe, strike.pe, cache, view, requestedAtMs, receivedAtMs);
  }
  if (chain.spotLastPrice !== null) {
    const spotSlot = cache.slotOf(EXCHANGE_SEGMENT_CODE[underlying.spot.segment], underlying.spot.securityId);
    if (spotSlot >= 0) {
      cache.applyRest(
        spotSlot,
        { ...EMPTY_REST_QUOTE, ltp: chain.spotLastPrice },
        requestedAtMs,
        receivedAtMs,
      );
    }
  }
  return filled;
}

function fillSide(
  side: OptionChainSide | null,
  contract: OptionContract | null,
  cache: QuoteCache,
  view: ChainView,
  requestedAtMs: number,
  receivedAtMs: number,
): number {
  if (!side || !contract) return 0;
  if (side.securityId !== null && side.securityId !== contract.securityId) return 0;
  view.setBroker(contract.strike, contract.side, {
    iv: side.brokerIvPercent,
    delta: side.brokerDelta,
    gamma: side.brokerGamma,
    theta: side.brokerTheta,
    vega: side.brokerVega,
  });
  const slot = cache.slotOf(EXCHANGE_SEGMENT_CODE[contract.segment], contract.securityId);
  if (slot < 0) return 0;
  // DhanHQ reports untraded strikes with every field 0: a zero price is "no trade", not ₹0.
  const price = (value: number): number | null => (value > 0 ? value : null);
  // One empty side (no bids, say) is kept as 0 quantity at 0, exactly as a full packet carries it.
  const hasQuote = side.topBidPrice > 0 || side.topAskPrice > 0;
  const applied = cache.applyRest(
    slot,
    {
      ltp: price(side.lastPrice),
      prevClose: price(side.previousClosePrice),
      oi: side.oi,
      prevOi: side.previousOi,
      volume: side.volume,
      atp: side.averagePrice !== null ? price(side.averagePrice) : null,
      bidPrice: hasQuote ? side.topBidPrice : null,
      bidQty: hasQuote ? side.topBidQuantity : null,
      askPrice: hasQuote ? side.topAskPrice : null,
      askQty: hasQuote ? side.topAskQuantity : null,
    },
    requestedAtMs,
    receivedAtMs,
  );
  if (applied) view.onSlotChanged(slot);
  return applied ? 1 : 0;
}
