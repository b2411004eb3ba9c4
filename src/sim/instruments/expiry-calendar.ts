/**
 * Expiry dates for an underlying, from the trading date and its rule (see underlying-specs.ts).
 * Exchange holidays are not modelled: a real expiry on a holiday moves to the previous trading day.
 */
import { addDays, lastWeekdayOfMonth, parseIsoDate, weekdayOf } from '../util/ist-time';
import type { ExpiryRule } from './underlying-specs';

export interface ExpiryDate {
  readonly date: string;
  /** 'M' for the month's last expiry weekday (monthly, quarterly, half-yearly), else 'W'. */
  readonly flag: 'W' | 'M';
}

/** The next `count` dates on `weekday`, starting with `from` itself. */
function nextWeekdays(from: string, weekday: number, count: number): string[] {
  const first = addDays(from, (weekday - weekdayOf(from) + 7) % 7);
  return Array.from({ length: count }, (_, i) => addDays(first, 7 * i));
}

/** Month-end expiries on or after `from`, in months accepted by `accept`, until `count` or `until`. */
function monthEnds(from: string, weekday: number, accept: (month: number) => boolean, count: number, until?: string): string[] {
  const [year, month] = parseIsoDate(from);
  const out: string[] = [];
  for (let i = 0; out.length < count && i < 12 * 10; i++) {
    const y = year + Math.floor((month - 1 + i) / 12);
    const m = ((month - 1 + i) % 12) + 1;
    if (!accept(m)) continue;
    const date = lastWeekdayOfMonth(y, m, weekday);
    if (date < from) continue;
    if (until !== undefined && date > until) break;
    out.push(date);
  }
  return out;
}

/** Monthly expiry dates (the last expiry weekday of each month) on or after `from`. */
export function monthlyExpiries(from: string, weekday: number, count: number): string[] {
  return monthEnds(from, weekday, () => true, count);
}

/** Every expiry the rule lists on `tradingDate`, ascending, including one expiring that day. */
export function expiryCalendar(tradingDate: string, rule: ExpiryRule): ExpiryDate[] {
  const dates = new Set<string>(nextWeekdays(tradingDate, rule.weekday, rule.weeklies));
  const monthlies = monthlyExpiries(tradingDate, rule.weekday, rule.monthlies);
  monthlies.forEach((d) => dates.add(d));
  let last = monthlies.at(-1) ?? tradingDate;
  if (rule.quarterlies > 0) {
    const quarterlies = monthEnds(addDays(last, 1), rule.weekday, (m) => m % 3 === 0, rule.quarterlies);
    quarterlies.forEach((d) => dates.add(d));
    last = quarterlies.at(-1) ?? last;
  }
  if (rule.halfYearlyYears > 0) {
    const [y, m, d] = parseIsoDate(tradingDate);
    const until = `${String(y + rule.halfYearlyYears).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    monthEnds(addDays(last, 1), rule.weekday, (month) => month === 6 || month === 12, 100, until).forEach((date) => dates.add(date));
  }
  return [...dates].sort().map((date) => ({ date, flag: isMonthEnd(date, rule.weekday) ? 'M' : 'W' }));
}

function isMonthEnd(date: string, weekday: number): boolean {
  const [y, m] = parseIsoDate(date);
  return lastWeekdayOfMonth(y, m, weekday) === date;
}
