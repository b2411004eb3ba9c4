/**
 * Time to expiry, our one convention: from now to 15:30 Asia/Kolkata on the expiry date, in
 * calendar years of 365 days, continuous through nights and holidays. IST is UTC+05:30 with no
 * daylight saving, so 15:30 IST is 10:00 UTC on the same date; the arithmetic below needs no
 * time-zone data and gives the same answer on every machine.
 */
import { AppError } from '../errors/app-error';
import type { IsoDate } from '../model/instruments';

export const MS_PER_DAY = 86_400_000;
export const MS_PER_YEAR = 365 * MS_PER_DAY;
/** 15:30 IST expressed in UTC (IST = UTC+05:30). */
const EXPIRY_UTC_HOUR = 10;
const EXPIRY_UTC_MINUTE = 0;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instant an expiry date's contracts stop trading: 15:30 IST on that date.
 *
 * @param expiry calendar date in IST, YYYY-MM-DD (as the instrument master gives it).
 * @throws AppError ANALYTICS_INVALID_INPUT when `expiry` is not a real calendar date.
 */
export function expiryEpochMsOf(expiry: IsoDate): number {
  const match = ISO_DATE.exec(expiry);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  // Date.UTC is pure arithmetic on the proleptic Gregorian calendar; it rolls 02-30 over to
  // March, so reading the date back rejects days that do not exist.
  const epochMs = Date.UTC(year, month - 1, day, EXPIRY_UTC_HOUR, EXPIRY_UTC_MINUTE);
  const check = new Date(epochMs);
  if (match === null || check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new AppError('ANALYTICS_INVALID_INPUT', `Expiry "${expiry}" is not a calendar date (YYYY-MM-DD)`, { expiry });
  }
  return epochMs;
}

/**
 * T for the option formulas: (expiry − now) / 365 days. Zero or negative once the expiry
 * instant has passed (implied volatility is then null).
 *
 * @param expiryEpochMs from {@link expiryEpochMsOf}.
 * @param nowMs the injected clock's epoch milliseconds.
 */
export function yearsToExpiry(expiryEpochMs: number, nowMs: number): number {
  return (expiryEpochMs - nowMs) / MS_PER_YEAR;
}

/** Calendar days (fractional) from `nowMs` to the expiry instant; negative after it. */
export function daysToExpiry(expiryEpochMs: number, nowMs: number): number {
  return (expiryEpochMs - nowMs) / MS_PER_DAY;
}
