/** Small builders for the engine's published state: initial progress, skeleton summary, labels. */
import type { InstrumentMasterStatus, ProgressStep, SkeletonSummary } from '../../shared/api/view-types';
import { EXCHANGE_SEGMENT_CODE } from '../../shared/feed/exchange-segment';
import type { Skeleton } from '../../shared/model/instruments';

const STEPS: readonly [ProgressStep['id'], string][] = [
  ['credentials', 'Credentials'],
  ['master-download', 'Instrument master download'],
  ['master-parse', 'Instrument master parse'],
  ['skeleton', 'Option-chain skeleton'],
  ['snapshot', 'First option-chain snapshot'],
  ['feed', 'Live feed connections'],
];

export function initialProgress(): ProgressStep[] {
  return STEPS.map(([id, label]) => ({ id, label, state: 'pending', detail: '', done: null, total: null }));
}

export function initialMasterStatus(url: string): InstrumentMasterStatus {
  return {
    state: 'not-loaded',
    source: null,
    date: null,
    url,
    rowsRead: 0,
    rowsKept: 0,
    rowsRejected: 0,
    bytes: 0,
    loadedAtMs: null,
    warning: null,
  };
}

export function skeletonSummary(skeleton: Skeleton): SkeletonSummary {
  return {
    counts: skeleton.counts,
    underlyings: skeleton.underlyings.map((u) => ({
      symbol: u.symbol,
      spotSecurityId: u.spot.securityId,
      derivativeSegment: u.derivativeSegment,
      expiries: u.expiries.map((e) => ({ expiry: e.expiry, expiryFlag: e.expiryFlag, strikes: e.strikes.length, lotSize: e.lotSize })),
    })),
  };
}

/** Key for labelIndex: segment and security id in one number. */
export function labelKey(segment: number, securityId: number): number {
  return segment * 2 ** 32 + securityId;
}

/** "NIFTY 2026-12-01 25000 CE" for every instrument of the skeleton, keyed by labelKey. */
export function labelIndex(skeleton: Skeleton): Map<number, string> {
  const labels = new Map<number, string>();
  for (const u of skeleton.underlyings) {
    labels.set(labelKey(EXCHANGE_SEGMENT_CODE[u.spot.segment], u.spot.securityId), `${u.symbol} spot`);
    for (const f of u.futures) labels.set(labelKey(EXCHANGE_SEGMENT_CODE[f.segment], f.securityId), `${u.symbol} ${f.expiry} FUT`);
    for (const e of u.expiries) {
      for (const s of e.strikes) {
        for (const c of [s.ce, s.pe]) {
          if (c) labels.set(labelKey(EXCHANGE_SEGMENT_CODE[c.segment], c.securityId), `${u.symbol} ${e.expiry} ${s.strike} ${c.side}`);
        }
      }
    }
  }
  return labels;
}
