/**
 * Reading single scrip-master values. Each returns null for a value it cannot trust; the
 * parser counts such rows as rejected with a reason.
 */
import type { ExchangeSegmentName, IsoDate } from '../../shared/model/instruments';

/** "2026-01-08 14:30:00" or "2026-01-08" → "2026-01-08"; blank, 0001-01-01 and impossible dates → null. */
export function parseExpiry(raw: string): IsoDate | null {
  const date = raw.trim().slice(0, 10);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 2000 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  return date;
}

/**
 * Tick size in rupees. The master states ticks in paise (5.0000 = ₹0.05; 10.0000 = ₹0.10 on
 * index futures), but some rows carry 0.0500. The smallest tick of an index derivative is
 * 5 paise, so a value below 1 cannot be paise: it is taken as rupees already. Rule: value ≥ 1
 * → value / 100; 0 < value < 1 → value; otherwise null. Rounded to 4 decimals.
 */
export function tickSizeRupees(raw: string): number | null {
  const value = Number.parseFloat(raw);
  if (!Number.isFinite(value) || value <= 0) return null;
  const rupees = value >= 1 ? value / 100 : value;
  return Math.round(rupees * 10_000) / 10_000;
}

/** "75.0" → 75. Lots are whole contracts; anything else (0, negative, 37.5) → null. */
export function parseLotSize(raw: string): number | null {
  const value = Number.parseFloat(raw);
  return Number.isInteger(value) && value > 0 ? value : null;
}

/** "24500.00000" → 24500; options need a positive strike. */
export function parseStrike(raw: string): number | null {
  const value = Number.parseFloat(raw);
  return Number.isFinite(value) && value > 0 ? value : null;
}

/** Digits only, a positive safe integer. */
export function parseSecurityId(raw: string): number | null {
  const text = raw.trim();
  if (!/^\d+$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}

/** Derivatives segment from the exchange column: NSE → NSE_FNO, BSE → BSE_FNO. */
export function derivativeSegmentOf(exchange: string): ExchangeSegmentName | null {
  const value = exchange.trim().toUpperCase();
  return value === 'NSE' ? 'NSE_FNO' : value === 'BSE' ? 'BSE_FNO' : null;
}

/** The underlying from a trading symbol ("NIFTY-Dec2024-24500-CE") or a display name ("NIFTY 26 DEC 24500 CALL"). */
export function symbolPrefix(text: string): string {
  const trimmed = text.trim().toUpperCase();
  const end = trimmed.search(/[-\s]/);
  return end < 0 ? trimmed : trimmed.slice(0, end);
}

/** "W" / "M"; "NA" and blanks → "". */
export function expiryFlagOf(raw: string): string {
  const value = raw.trim().toUpperCase();
  return value === 'NA' ? '' : value;
}
