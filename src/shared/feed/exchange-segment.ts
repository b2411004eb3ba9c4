/**
 * DhanHQ exchange segments: JSON and REST use the string names, binary feed headers carry the
 * numeric code (byte 3). Code 6 is unused.
 */
import type { ExchangeSegmentName } from '../model/instruments';

export const EXCHANGE_SEGMENT_CODE: Readonly<Record<ExchangeSegmentName, number>> = Object.freeze({
  IDX_I: 0,
  NSE_EQ: 1,
  NSE_FNO: 2,
  NSE_CURRENCY: 3,
  BSE_EQ: 4,
  MCX_COMM: 5,
  BSE_CURRENCY: 7,
  BSE_FNO: 8,
});

const NAMES_BY_CODE: readonly (ExchangeSegmentName | null)[] = [
  'IDX_I',
  'NSE_EQ',
  'NSE_FNO',
  'NSE_CURRENCY',
  'BSE_EQ',
  'MCX_COMM',
  null,
  'BSE_CURRENCY',
  'BSE_FNO',
];

/** The segment name for a numeric feed code, or null for a code DhanHQ does not define. */
export function segmentName(code: number): ExchangeSegmentName | null {
  return NAMES_BY_CODE[code] ?? null;
}

export function isExchangeSegmentName(value: unknown): value is ExchangeSegmentName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EXCHANGE_SEGMENT_CODE, value);
}

/**
 * One number per instrument for maps and hash tables: security ids are unique only within a
 * segment. Exact for every id below 2^48.
 */
export function instrumentKey(segmentCode: number, securityId: number): number {
  return securityId * 16 + segmentCode;
}
