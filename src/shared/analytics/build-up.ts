/**
 * OI build-up labels, the way Indian chains show them: the sign of the price change against
 * the previous close and the sign of the OI change against the previous day's OI.
 */
import type { BuildUp } from '../api/view-types';

/**
 * price↑ OI↑ long build-up; price↓ OI↑ short build-up; price↓ OI↓ long unwinding;
 * price↑ OI↓ short covering. Null when either change is zero or unknown (NaN).
 *
 * @param priceChange LTP − previous close, rupees.
 * @param oiChange OI − previous-day OI, in the feed's units.
 */
export function buildUpOf(priceChange: number, oiChange: number): BuildUp | null {
  if (priceChange > 0) {
    if (oiChange > 0) return 'long-buildup';
    if (oiChange < 0) return 'short-covering';
  } else if (priceChange < 0) {
    if (oiChange > 0) return 'short-buildup';
    if (oiChange < 0) return 'long-unwinding';
  }
  return null;
}
