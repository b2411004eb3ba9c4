/**
 * India Standard Time by arithmetic (UTC+05:30, no daylight saving), so nothing depends on the
 * machine's time zone. Dates are `YYYY-MM-DD` strings of the IST calendar.
 */

export const IST_OFFSET_MS = 330 * 60_000;
const DAY_MS = 86_400_000;

/** Minutes after IST midnight when the cash and F&O session opens (09:15) and closes (15:30). */
export const SESSION_OPEN_MINUTE = 9 * 60 + 15;
export const SESSION_CLOSE_MINUTE = 15 * 60 + 30;

export interface IstParts {
  readonly date: string;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  /** Minutes since IST midnight, fractional. */
  readonly minuteOfDay: number;
}

/** The IST calendar date, weekday and minute of the day for an epoch instant. */
export function istParts(epochMs: number): IstParts {
  const shifted = new Date(epochMs + IST_OFFSET_MS);
  const midnight = Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate());
  return {
    date: shifted.toISOString().slice(0, 10),
    weekday: shifted.getUTCDay(),
    minuteOfDay: (epochMs + IST_OFFSET_MS - midnight) / 60_000,
  };
}

/** The epoch instant of an IST wall-clock time on a date (`minuteOfDay` after midnight). */
export function istEpochMs(date: string, minuteOfDay: number): number {
  const [y, m, d] = parseIsoDate(date);
  return Date.UTC(y, m - 1, d) + minuteOfDay * 60_000 - IST_OFFSET_MS;
}

/** Expiry instant of a contract expiring on `date`: 15:30 IST, as analytics.md prescribes. */
export function expiryEpochMs(date: string): number {
  return istEpochMs(date, SESSION_CLOSE_MINUTE);
}

/** True during the regular session, 09:15 ≤ t < 15:30 IST, Monday to Friday. Holidays are not modelled. */
export function isRegularSession(epochMs: number): boolean {
  const { weekday, minuteOfDay } = istParts(epochMs);
  return weekday >= 1 && weekday <= 5 && minuteOfDay >= SESSION_OPEN_MINUTE && minuteOfDay < SESSION_CLOSE_MINUTE;
}

/** [year, month 1–12, day] of a YYYY-MM-DD string; throws RangeError otherwise. */
export function parseIsoDate(date: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return false;
  const utc = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return utc.toISOString().slice(0, 10) === value;
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parseIsoDate(date);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  const [y, m, d] = parseIsoDate(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The last `weekday` of the month `month` (1–12) of `year`. */
export function lastWeekdayOfMonth(year: number, month: number, weekday: number): string {
  const lastDay = new Date(Date.UTC(year, month, 0));
  const back = (lastDay.getUTCDay() - weekday + 7) % 7;
  return new Date(lastDay.getTime() - back * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parseIsoDate(from);
  const [y2, m2, d2] = parseIsoDate(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / DAY_MS);
}
