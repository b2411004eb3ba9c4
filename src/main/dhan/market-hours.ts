/**
 * Indian equity-derivatives market hours in IST (UTC+05:30, no daylight saving): the normal
 * session runs 09:15–15:30, Monday to Friday, except exchange holidays. Pre-open (09:00–09:15)
 * and special sessions (e.g. Muhurat trading) count as closed: the feed is legitimately quiet
 * or sparse then, and the silence watchdog must not fire.
 */
import type { IsoDate } from '../../shared/model/instruments';

const IST_OFFSET_MS = 330 * 60_000;
const DAY_MS = 86_400_000;

export interface MarketHoursOptions {
  /** Exchange holidays as IST dates (YYYY-MM-DD); default none. */
  readonly holidays?: Iterable<IsoDate>;
  /** Session open, minutes after IST midnight; default 555 (09:15). Inclusive. */
  readonly openMinute?: number;
  /** Session close, minutes after IST midnight; default 930 (15:30). Exclusive. */
  readonly closeMinute?: number;
}

export interface MarketHours {
  /** True during the normal session of a trading day. */
  isOpen(nowMs: number): boolean;
  /** The IST date of the latest trading day on or before `nowMs` (weekends and holidays roll back). */
  tradingDayOf(nowMs: number): IsoDate;
  isTradingDay(date: IsoDate): boolean;
}

/** The IST calendar date of an instant, YYYY-MM-DD. */
export function istDateOf(nowMs: number): IsoDate {
  return new Date(nowMs + IST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Builds the market-hours rules; pass the result's `isOpen` wherever an `isMarketOpen` predicate is injected. */
export function createMarketHours(options: MarketHoursOptions = {}): MarketHours {
  const holidays = new Set(options.holidays ?? []);
  const openMinute = options.openMinute ?? 9 * 60 + 15;
  const closeMinute = options.closeMinute ?? 15 * 60 + 30;

  const isTradingDay = (date: IsoDate): boolean => {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !holidays.has(date);
  };

  return {
    isTradingDay,
    isOpen(nowMs) {
      const shifted = nowMs + IST_OFFSET_MS;
      const minute = Math.floor((((shifted % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
      return minute >= openMinute && minute < closeMinute && isTradingDay(istDateOf(nowMs));
    },
    tradingDayOf(nowMs) {
      let at = nowMs;
      // A year of consecutive holidays is impossible; the bound only guards a bad holiday list.
      for (let i = 0; i < 366; i++, at -= DAY_MS) {
        const date = istDateOf(at);
        if (isTradingDay(date)) return date;
      }
      return istDateOf(nowMs);
    },
  };
}
