/**
 * When the simulated market trades. 'always-open' (the demo default) trades around the clock;
 * 'ist' follows the regular session, 09:15–15:30 IST Monday to Friday, with no holidays.
 */
import { SESSION_CLOSE_MINUTE, SESSION_OPEN_MINUTE, isRegularSession, istParts } from '../util/ist-time';

export type MarketHoursMode = 'always-open' | 'ist';

export class MarketHours {
  constructor(readonly mode: MarketHoursMode) {}

  isOpen(epochMs: number): boolean {
    return this.mode === 'always-open' || isRegularSession(epochMs);
  }

  /**
   * Fraction of the day's session already traded at `epochMs` (0 before 09:15, 1 after 15:30);
   * 0.5 when always open. Scales the day's volume the market starts with.
   */
  sessionElapsed(epochMs: number): number {
    if (this.mode === 'always-open') return 0.5;
    const { weekday, minuteOfDay } = istParts(epochMs);
    if (weekday === 0 || weekday === 6) return 1;
    const fraction = (minuteOfDay - SESSION_OPEN_MINUTE) / (SESSION_CLOSE_MINUTE - SESSION_OPEN_MINUTE);
    return Math.min(1, Math.max(0, fraction));
  }
}
