/**
 * A plausible NIFTY option chain for tests and the visual harness: Black-76 prices on a
 * parity forward with a skewed smile, OI peaking at round strikes (calls above spot, puts
 * below), bid/ask around LTP, broker values that differ from ours the way Dhan's do. Fully
 * deterministic from a seed. Test data only: the app computes nothing like this.
 */
import type { BuildUp, ChainRow, ChainSelection, ChainSummary, SideView } from '../../src/shared/api/view-types';

export interface ChainModel {
  readonly underlying: string;
  readonly expiry: string;
  spot: number;
  /** Forward minus spot (parity carry). */
  readonly basis: number;
  readonly step: number;
  readonly lotSize: number;
  readonly daysToExpiry: number;
  readonly strikes: readonly number[];
  /** Current rows by strike. */
  readonly rows: Map<number, ChainRow>;
  random: () => number;
  /** Security ids are handed out per model. */
  nextSecurityId: number;
}

/** mulberry32: a small seeded generator so every run builds the same chain. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normCdf(x: number): number {
  // Abramowitz–Stegun 7.1.26 via erf; ample for test data.
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

function normPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const toTick = (x: number): number => Math.max(0.05, Math.round(x / 0.05) * 0.05);

function smile(strike: number, forward: number): number {
  const m = Math.log(strike / forward);
  return 0.11 - 0.28 * m + 2.4 * m * m;
}

function black76(side: 'ce' | 'pe', forward: number, strike: number, sigma: number, years: number) {
  const sd = sigma * Math.sqrt(years);
  const d1 = (Math.log(forward / strike) + 0.5 * sd * sd) / sd;
  const d2 = d1 - sd;
  const call = forward * normCdf(d1) - strike * normCdf(d2);
  const price = side === 'ce' ? call : call - (forward - strike);
  return {
    price,
    delta: side === 'ce' ? normCdf(d1) : normCdf(d1) - 1,
    gamma: normPdf(d1) / (forward * sd),
    vega: forward * normPdf(d1) * Math.sqrt(years) * 0.01,
    theta: -(forward * normPdf(d1) * sigma) / (2 * Math.sqrt(years)) / 365,
  };
}

function buildUpOf(change: number, oiChange: number): BuildUp | null {
  if (change === 0 || oiChange === 0) return null;
  if (change > 0) return oiChange > 0 ? 'long-buildup' : 'short-covering';
  return oiChange > 0 ? 'short-buildup' : 'long-unwinding';
}

function oiWeight(strike: number): number {
  if (strike % 500 === 0) return 2.3;
  if (strike % 100 === 0) return 1.45;
  return 1;
}

function sideView(model: ChainModel, side: 'ce' | 'pe', strike: number, securityId: number, nowMs: number): SideView {
  const forward = model.spot + model.basis;
  const years = model.daysToExpiry / 365;
  const sigma = smile(strike, forward);
  const g = black76(side, forward, strike, sigma, years);
  const r = model.random;
  const ltp = toTick(g.price * (1 + (r() - 0.5) * 0.01));
  const prevClose = toTick(ltp * (0.75 + r() * 0.5));
  const distance = (strike - forward) / model.step;
  const otm = side === 'ce' ? distance : -distance;
  const lots = Math.round((28_000 + r() * 9_000) * oiWeight(strike) * Math.exp(-Math.abs(otm - 3) / 9) * (otm > 0 ? 1.15 : 0.7));
  const oi = lots * model.lotSize;
  const prevOi = Math.round(oi * (0.8 + r() * 0.35) / model.lotSize) * model.lotSize;
  const spread = Math.max(0.05, toTick(ltp * 0.002));
  const change = round2(ltp - prevClose);
  const oiChange = oi - prevOi;
  const brokerSigma = (sigma + (side === 'ce' ? -0.021 : 0.022)) * 100;
  return {
    securityId,
    ltp,
    change,
    changePct: round2((change / prevClose) * 100),
    prevClose,
    oi,
    prevOi,
    oiChange,
    volume: Math.round(lots * (2 + r() * 4)) * model.lotSize,
    bidPrice: round2(ltp - spread),
    bidQty: model.lotSize * (1 + Math.floor(r() * 40)),
    askPrice: round2(ltp + spread),
    askQty: model.lotSize * (1 + Math.floor(r() * 40)),
    iv: round2(sigma * 100),
    delta: Math.round(g.delta * 10_000) / 10_000,
    gamma: Math.round(g.gamma * 1e7) / 1e7,
    theta: round2(g.theta),
    vega: round2(g.vega),
    brokerIv: round2(brokerSigma),
    brokerDelta: Math.round((g.delta + (side === 'ce' ? 0.012 : 0.011)) * 10_000) / 10_000,
    brokerGamma: Math.round(g.gamma * 1.02 * 1e7) / 1e7,
    brokerTheta: round2(g.theta * 1.04),
    brokerVega: round2(g.vega * 0.98),
    buildUp: buildUpOf(change, oiChange),
    source: 'feed',
    updatedAtMs: nowMs,
  };
}

export interface ChainModelOptions {
  readonly underlying?: string;
  readonly expiry?: string;
  readonly spot?: number;
  readonly basis?: number;
  readonly step?: number;
  readonly lotSize?: number;
  readonly daysToExpiry?: number;
  /** Strikes in the expiry (centred on spot). Default 81. */
  readonly strikeCount?: number;
  readonly seed?: number;
  readonly nowMs: number;
}

export function createChainModel(options: ChainModelOptions): ChainModel {
  const step = options.step ?? 50;
  const spot = options.spot ?? 24_964.25;
  const count = options.strikeCount ?? 81;
  const centre = Math.round(spot / step) * step;
  const first = centre - Math.floor(count / 2) * step;
  const strikes = Array.from({ length: count }, (_, i) => first + i * step);
  const model: ChainModel = {
    underlying: options.underlying ?? 'NIFTY',
    expiry: options.expiry ?? '2026-01-20',
    spot,
    basis: options.basis ?? -4.2,
    step,
    lotSize: options.lotSize ?? 75,
    daysToExpiry: options.daysToExpiry ?? 6.23,
    strikes,
    rows: new Map(),
    random: seeded(options.seed ?? 7),
    nextSecurityId: 40_000,
  };
  for (const strike of strikes) {
    model.rows.set(strike, {
      strike,
      ce: sideView(model, 'ce', strike, (model.nextSecurityId += 1), options.nowMs),
      pe: sideView(model, 'pe', strike, (model.nextSecurityId += 1), options.nowMs),
    });
  }
  return model;
}

/** The strike nearest the forward (ties: the lower strike). */
export function atmStrike(model: ChainModel): number {
  const forward = model.spot + model.basis;
  let best = model.strikes[0] ?? 0;
  for (const strike of model.strikes) if (Math.abs(strike - forward) < Math.abs(best - forward)) best = strike;
  return best;
}

/** Rows within `strikeWindow` strikes of ATM (all when 0), ascending. */
export function windowRows(model: ChainModel, selection: ChainSelection): ChainRow[] {
  const atm = atmStrike(model);
  const index = model.strikes.indexOf(atm);
  const from = selection.strikeWindow === 0 ? 0 : Math.max(0, index - selection.strikeWindow);
  const to = selection.strikeWindow === 0 ? model.strikes.length : Math.min(model.strikes.length, index + selection.strikeWindow + 1);
  return model.strikes.slice(from, to).map((strike) => model.rows.get(strike)!);
}

export function summarize(model: ChainModel, nowMs: number, marketOpen = true): ChainSummary {
  const rows = [...model.rows.values()];
  const ceOi = rows.reduce((sum, r) => sum + (r.ce?.oi ?? 0), 0);
  const peOi = rows.reduce((sum, r) => sum + (r.pe?.oi ?? 0), 0);
  const atm = atmStrike(model);
  const atmRow = model.rows.get(atm);
  let maxPain = atm;
  let least = Number.POSITIVE_INFINITY;
  for (const candidate of model.strikes) {
    let payout = 0;
    for (const r of rows) payout += (r.ce?.oi ?? 0) * Math.max(candidate - r.strike, 0) + (r.pe?.oi ?? 0) * Math.max(r.strike - candidate, 0);
    if (payout < least) {
      least = payout;
      maxPain = candidate;
    }
  }
  return {
    underlying: model.underlying,
    expiry: model.expiry,
    spot: round2(model.spot),
    forward: round2(model.spot + model.basis),
    forwardSource: 'parity',
    daysToExpiry: model.daysToExpiry,
    lotSize: model.lotSize,
    tickSizeRupees: 0.05,
    pcr: round2(peOi / ceOi),
    maxPain,
    atmStrike: atm,
    atmIv: atmRow?.ce?.iv ?? null,
    straddle: atmRow?.ce?.ltp != null && atmRow.pe?.ltp != null ? round2(atmRow.ce.ltp + atmRow.pe.ltp) : null,
    totals: {
      ceOi,
      peOi,
      ceVolume: rows.reduce((sum, r) => sum + (r.ce?.volume ?? 0), 0),
      peVolume: rows.reduce((sum, r) => sum + (r.pe?.volume ?? 0), 0),
    },
    lastTickAtMs: nowMs,
    marketOpen,
  };
}

/**
 * Moves spot a little and re-prices `count` rows near ATM (or the given strikes), as a feed
 * would; returns the changed rows.
 */
export function tickModel(model: ChainModel, nowMs: number, count: number, strikes?: readonly number[]): ChainRow[] {
  model.spot += (model.random() - 0.5) * 6;
  const atm = atmStrike(model);
  const chosen =
    strikes ??
    Array.from({ length: count }, () => {
      const offset = Math.round((model.random() - 0.5) * 24);
      return atm + offset * model.step;
    }).filter((s, i, all) => model.rows.has(s) && all.indexOf(s) === i);
  const changed: ChainRow[] = [];
  for (const strike of chosen) {
    const row = model.rows.get(strike);
    if (!row) continue;
    const next: ChainRow = {
      strike,
      ce: row.ce ? sideView(model, 'ce', strike, row.ce.securityId, nowMs) : null,
      pe: row.pe ? sideView(model, 'pe', strike, row.pe.securityId, nowMs) : null,
    };
    model.rows.set(strike, next);
    changed.push(next);
  }
  return changed;
}
