/**
 * The two scrip master layouts (../shared/docs/dhanhq-v2.md §3.2) and the value formats the
 * generator writes: LOT_SIZE like `75.0`, strike like `24500.00000` (`-0.01000` for non-options),
 * TICK_SIZE in paise like `5.0000`, expiry `YYYY-MM-DD` (detailed) or `YYYY-MM-DD 14:30:00`
 * (compact), `0001-01-01` for instruments that never expire.
 */

/** Detailed header: note the trailing comma (an empty last column), as in the live file. */
export const DETAILED_COLUMNS = [
  'EXCH_ID',
  'SEGMENT',
  'SECURITY_ID',
  'ISIN',
  'INSTRUMENT',
  'UNDERLYING_SECURITY_ID',
  'UNDERLYING_SYMBOL',
  'SYMBOL_NAME',
  'DISPLAY_NAME',
  'INSTRUMENT_TYPE',
  'SERIES',
  'LOT_SIZE',
  'SM_EXPIRY_DATE',
  'STRIKE_PRICE',
  'OPTION_TYPE',
  'TICK_SIZE',
  'EXPIRY_FLAG',
  'BRACKET_FLAG',
  'COVER_FLAG',
  'ASM_GSM_FLAG',
  'ASM_GSM_CATEGORY',
  'BUY_SELL_INDICATOR',
  'BUY_CO_MIN_MARGIN_PER',
  'BUY_CO_SL_RANGE_MAX_PERC',
  'BUY_CO_SL_RANGE_MIN_PERC',
  'BUY_BO_MIN_MARGIN_PER',
  'BUY_BO_PROFIT_RANGE_MAX_PERC',
  'BUY_BO_PROFIT_RANGE_MIN_PERC',
  'MTF_LEVERAGE',
  'SM_UPPER_LIMIT',
  'SM_LOWER_LIMIT',
  'SM_FREEZE_QTY',
] as const;

export const COMPACT_COLUMNS = [
  'SEM_EXM_EXCH_ID',
  'SEM_SEGMENT',
  'SEM_SMST_SECURITY_ID',
  'SEM_INSTRUMENT_NAME',
  'SEM_EXPIRY_CODE',
  'SEM_TRADING_SYMBOL',
  'SEM_LOT_UNITS',
  'SEM_CUSTOM_SYMBOL',
  'SEM_EXPIRY_DATE',
  'SEM_STRIKE_PRICE',
  'SEM_OPTION_TYPE',
  'SEM_TICK_SIZE',
  'SEM_EXPIRY_FLAG',
  'SEM_EXCH_INSTRUMENT_TYPE',
  'SEM_SERIES',
  'SM_SYMBOL_NAME',
] as const;

export const DETAILED_HEADER = `${DETAILED_COLUMNS.join(',')},`;
export const COMPACT_HEADER = COMPACT_COLUMNS.join(',');

export const NO_EXPIRY = '0001-01-01';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Value formatters: LOT_SIZE `75.0`, STRIKE_PRICE `24500.00000`, TICK_SIZE `5.0000`, compact expiry with 14:30:00. */
export const lotText = (lot: number): string => lot.toFixed(1);
export const strikeText = (strike: number): string => strike.toFixed(5);
export const NON_OPTION_STRIKE = (-0.01).toFixed(5);
export const tickText = (paise: number): string => paise.toFixed(4);
export const compactExpiry = (date: string): string => (date === NO_EXPIRY ? NO_EXPIRY : `${date} 14:30:00`);

/** "24500", or "12512.5" for a fractional strike. */
export function strikeLabel(strike: number): string {
  return Number.isInteger(strike) ? String(strike) : String(Math.round(strike * 100) / 100);
}

/**
 * Trading symbols like NIFTY-Oct2025-24500-CE for month-end expiries and NIFTY-07Oct2025-24500-CE
 * for weeklies (the day keeps weekly and monthly symbols of one month apart).
 */
export function tradingSymbol(underlying: string, expiry: string, flag: string, tail: string): string {
  const [y, m, d] = expiry.split('-');
  const month = `${MONTHS[Number(m) - 1]}${y}`;
  return `${underlying}-${flag === 'W' ? d : ''}${month}-${tail}`;
}

/** Display names like "NIFTY 28 OCT 24500 CALL" and "NIFTY OCT FUT". */
export function optionDisplayName(underlying: string, expiry: string, strike: number, side: 'CE' | 'PE'): string {
  const [, m, d] = expiry.split('-');
  return `${underlying} ${d} ${MONTHS[Number(m) - 1]!.toUpperCase()} ${strikeLabel(strike)} ${side === 'CE' ? 'CALL' : 'PUT'}`;
}

/** "NIFTY OCT FUT". */
export function futureDisplayName(underlying: string, expiry: string): string {
  const [, m] = expiry.split('-');
  return `${underlying} ${MONTHS[Number(m) - 1]!.toUpperCase()} FUT`;
}
