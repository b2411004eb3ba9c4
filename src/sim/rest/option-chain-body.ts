/**
 * The body of POST /v2/optionchain: {"data":{"last_price":…,"oc":{"25650.000000":{"ce":{…},"pe":{…}}}},"status":"success"}.
 * Contracts nobody streams are re-quoted at the request's instant; streamed ones answer with the
 * values the feed last sent, so a ticker's LTP and the chain's last_price agree.
 * `implied_volatility` and `greeks` are the simulator's own Black-76 values (forward with carry,
 * r = 0, theta per day, vega per vol point), standing in for DhanHQ's broker values.
 */
import type { SimUnderlying, SimExpiry } from '../instruments/universe';
import type { MarketState } from '../market/market-state';

export interface ChainBodyOptions {
  /** Omit `security_id` and `average_price`, like the January 2025 server. */
  readonly legacyFields: boolean;
  /** True when a feed connection streams instrument `i` (its state must not move under the client). */
  readonly isStreamed: (i: number) => boolean;
}

const round = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return rounded === 0 ? 0 : rounded; // no -0 for greeks
};

function sideBody(market: MarketState, i: number, nowMs: number, options: ChainBodyOptions): Record<string, unknown> {
  if (!options.isStreamed(i)) market.mark(i, nowMs);
  const g = market.greeks(i, nowMs);
  const price = (v: number | undefined): number => round(v ?? 0, 2);
  const side: Record<string, unknown> = {};
  if (!options.legacyFields) side.average_price = price(market.atp[i]);
  side.greeks = { delta: round(g.delta, 5), theta: round(g.theta, 5), gamma: round(g.gamma, 5), vega: round(g.vega, 5) };
  side.implied_volatility = g.vol * 100;
  side.last_price = price(market.ltp[i]);
  side.oi = market.oi[i] ?? 0;
  side.previous_close_price = price(market.prevClose[i]);
  side.previous_oi = market.prevOi[i] ?? 0;
  side.previous_volume = market.prevVolume[i] ?? 0;
  if (!options.legacyFields) side.security_id = market.instrument(i).securityId;
  side.top_ask_price = price(market.ask[i]);
  side.top_ask_quantity = market.askQty[i] ?? 0;
  side.top_bid_price = price(market.bid[i]);
  side.top_bid_quantity = market.bidQty[i] ?? 0;
  side.volume = market.volume[i] ?? 0;
  return side;
}

/** The success body for one underlying and expiry at `nowMs`, re-quoting contracts nobody streams. */
export function optionChainBody(
  market: MarketState,
  underlying: SimUnderlying,
  expiry: SimExpiry,
  nowMs: number,
  options: ChainBodyOptions,
): unknown {
  if (!options.isStreamed(underlying.spot)) market.mark(underlying.spot, nowMs);
  const oc: Record<string, unknown> = {};
  expiry.strikes.forEach((strike, s) => {
    oc[strike.toFixed(6)] = {
      ce: sideBody(market, expiry.calls[s]!, nowMs, options),
      pe: sideBody(market, expiry.puts[s]!, nowMs, options),
    };
  });
  // The underlying's price travels as float32, so it reads like 23092.19921875, as DhanHQ's does.
  return { data: { last_price: Math.fround(market.ltp[underlying.spot] ?? 0), oc }, status: 'success' };
}
