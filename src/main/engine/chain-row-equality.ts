/**
 * Whether a chain row would look the same on a client as the one last sent. The chain view
 * asks this for every candidate row of every batch (about 30 a batch on a busy chain), so it
 * compares field by field rather than serialising both rows: JSON.stringify of a row spends
 * most of its time printing some fifty numbers, and was about 7 µs a row in the feed
 * benchmark. Equality is JSON's: a value that JSON writes as null (null, NaN, ±Infinity)
 * equals another such, and 0 equals −0.
 */
import type { ChainRow, SideView } from '../../shared/api/view-types';

/** Every field of SideView, once: the `satisfies` makes a field added to the type fail to compile here until listed. */
const SIDE_FIELDS = Object.keys({
  securityId: true,
  ltp: true,
  change: true,
  changePct: true,
  prevClose: true,
  oi: true,
  prevOi: true,
  oiChange: true,
  volume: true,
  bidPrice: true,
  bidQty: true,
  askPrice: true,
  askQty: true,
  iv: true,
  delta: true,
  gamma: true,
  theta: true,
  vega: true,
  brokerIv: true,
  brokerDelta: true,
  brokerGamma: true,
  brokerTheta: true,
  brokerVega: true,
  buildUp: true,
  source: true,
  updatedAtMs: true,
} satisfies Record<keyof SideView, true>) as readonly (keyof SideView)[];

export function sameChainRow(a: ChainRow, b: ChainRow): boolean {
  return a.strike === b.strike && sameSide(a.ce, b.ce) && sameSide(a.pe, b.pe);
}

function sameSide(a: SideView | null, b: SideView | null): boolean {
  // The same object: a side the chain view did not rebuild (ChainView.tickedRow).
  if (a === b) return true;
  if (a === null || b === null) return false;
  for (let i = 0; i < SIDE_FIELDS.length; i++) {
    const field = SIDE_FIELDS[i] as keyof SideView;
    const x = a[field];
    const y = b[field];
    if (x !== y && !(writtenAsNull(x) && writtenAsNull(y))) return false;
  }
  return true;
}

function writtenAsNull(value: unknown): boolean {
  return value === null || (typeof value === 'number' && !Number.isFinite(value));
}
