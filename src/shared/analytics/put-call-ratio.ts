/** Put–call ratio of open interest. */

/**
 * Σ put OI / Σ call OI (for the chain or for one strike). Null when call OI is zero or
 * unknown, because the ratio is then undefined, not zero or infinite.
 *
 * @param putOi put open interest (same units as `callOi`).
 * @param callOi call open interest.
 */
export function putCallRatio(putOi: number, callOi: number): number | null {
  if (!(callOi > 0) || !(putOi >= 0)) return null;
  return putOi / callOi;
}
