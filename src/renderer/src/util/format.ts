/**
 * Display formatting for the chain, the header and the panels. Every formatter shows "—" for an
 * unknown value (null, NaN, ∞) and never 0, so "not known yet" is never mistaken for a number.
 * Grouping follows Indian convention (1,23,456) because that is how traders read quantities.
 */
import { roundTo } from '../../../shared/format/price';

export const UNKNOWN = '—';
const MINUS = '−';

const GROUPED = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });
const fixedFormats = [0, 1, 2, 3, 4, 5].map(
  (digits) => new Intl.NumberFormat('en-IN', { minimumFractionDigits: digits, maximumFractionDigits: digits }),
);

function isKnown(value: number | null | undefined): value is number {
  return value !== null && value !== undefined && Number.isFinite(value);
}

function fixed(value: number, digits: number): string {
  const formatter = fixedFormats[digits] ?? fixedFormats[2]!;
  const text = formatter.format(Math.abs(roundTo(value, digits)));
  return value < 0 && roundTo(value, digits) !== 0 ? `${MINUS}${text}` : text;
}

/** A rupee price with two decimals and Indian grouping: 1,234.50. */
export function formatPrice(value: number | null | undefined): string {
  return isKnown(value) ? fixed(value, 2) : UNKNOWN;
}

/** A number with a fixed number of decimals (default 2) and a real minus sign. */
export function formatNumber(value: number | null | undefined, digits = 2): string {
  return isKnown(value) ? fixed(value, digits) : UNKNOWN;
}

/** A signed change: +12.35 / −3.10 (default 2 decimals). */
export function formatSigned(value: number | null | undefined, digits = 2): string {
  if (!isKnown(value)) return UNKNOWN;
  const text = fixed(value, digits);
  return value > 0 && roundTo(value, digits) !== 0 ? `+${text}` : text;
}

/** A signed percentage: +1.25% (default 2 decimals). */
export function formatSignedPercent(value: number | null | undefined, digits = 2): string {
  return isKnown(value) ? `${formatSigned(value, digits)}%` : UNKNOWN;
}

/** A strike as traders write it: 24950, or 24962.5 when it has a fraction. */
export function formatStrike(value: number | null | undefined): string {
  if (!isKnown(value)) return UNKNOWN;
  return Number.isInteger(value) ? String(value) : String(roundTo(value, 2));
}

/** An integer with Indian grouping: 1,23,456. */
export function formatInteger(value: number | null | undefined): string {
  if (!isKnown(value)) return UNKNOWN;
  const text = GROUPED.format(Math.abs(Math.round(value)));
  return value < 0 && Math.round(value) !== 0 ? `${MINUS}${text}` : text;
}

/**
 * A large count in lakhs/crores as Indian traders read them: 98,765 · 12.35L · 1.24Cr. Signed
 * when `signed` is set (for OI change).
 */
export function formatCompactCount(value: number | null | undefined, signed = false): string {
  if (!isKnown(value)) return UNKNOWN;
  const magnitude = Math.abs(value);
  let text: string;
  if (magnitude >= 1e7) text = `${fixed(magnitude / 1e7, 2)}Cr`;
  else if (magnitude >= 1e5) text = `${fixed(magnitude / 1e5, 2)}L`;
  else text = GROUPED.format(Math.round(magnitude));
  if (value < 0 && text !== '0') return `${MINUS}${text}`;
  if (signed && value > 0 && text !== '0') return `+${text}`;
  return text;
}

/** Open interest or volume in the chosen unit: quantity as reported, or lots of `lotSize`. */
export function toUnit(value: number | null | undefined, unit: QuantityUnit, lotSize: number): number | null {
  if (!isKnown(value)) return null;
  if (unit === 'qty') return value;
  return lotSize > 0 ? value / lotSize : null;
}

export type QuantityUnit = 'qty' | 'lots';
