/**
 * Non-index rows so a generated scrip master can reach a live file's size (200 000+ rows):
 * F&O stocks with their equity rows, three monthly futures and option ladders, then cash-only
 * equities on NSE and BSE. Names are made up from syllables; ids sit in ranges that never meet
 * the index contracts' ids.
 */
import { hashUnit } from '../util/prng';
import { monthlyExpiries } from './expiry-calendar';
import type { MasterRow } from './scrip-master';
import { NO_EXPIRY, futureDisplayName, optionDisplayName, strikeLabel, tradingSymbol } from './scrip-master-columns';

const SYLLABLES = ['AR', 'BA', 'CHE', 'DI', 'GA', 'HI', 'IN', 'JA', 'KO', 'LA', 'MA', 'NE', 'OR', 'PA', 'RA', 'SU', 'TA', 'VI', 'WA', 'YA'];
const SUFFIXES = ['', 'TEX', 'FIN', 'POWER', 'CHEM', 'PHARMA', 'INFRA', 'MOTORS', 'STEEL', 'AGRO'];
/** F&O stocks listed before the cash-only equities. */
const FNO_STOCKS = 220;
const STOCK_STRIKES_EACH_SIDE = 20;
const FIRST_NSE_EQ_ID = 1_000;
const FIRST_BSE_EQ_ID = 500_000;
const FIRST_STOCK_FNO_ID = 150_000;

function stockName(seed: number, k: number): string {
  const a = SYLLABLES[Math.floor(hashUnit(seed, 300, k) * SYLLABLES.length)]!;
  const b = SYLLABLES[Math.floor(hashUnit(seed, 301, k) * SYLLABLES.length)]!;
  const c = SUFFIXES[Math.floor(hashUnit(seed, 302, k) * SUFFIXES.length)]!;
  return `${a}${b}${c}${k}`; // the number keeps names unique
}

function equityRow(exchange: 'NSE' | 'BSE', id: number, name: string, price: number): MasterRow {
  return {
    exchange,
    segment: 'E',
    securityId: id,
    isin: `INE${String(id).padStart(6, '0')}01`,
    instrument: 'EQUITY',
    underlyingSecurityId: '',
    underlyingSymbol: '',
    symbolName: `${name} LTD`,
    displayName: `${name} Ltd`,
    instrumentType: 'ES',
    series: exchange === 'NSE' ? 'EQ' : 'A',
    lotSize: 1,
    expiry: NO_EXPIRY,
    strike: null,
    optionType: 'XX',
    tickPaise: price < 250 ? 1 : 5,
    expiryFlag: 'NA',
    expiryCode: 0,
    tradingSymbol: name,
    upperLimit: Math.round(price * 1.2 * 100) / 100,
    lowerLimit: Math.round(price * 0.8 * 100) / 100,
    freezeQty: 0,
  };
}

/** Exactly `count` filler rows (fewer only if count is 0 or negative). */
export function* fillerRows(seed: number, tradingDate: string, count: number): Generator<MasterRow> {
  if (count <= 0) return;
  let emitted = 0;
  let nextFnoId = FIRST_STOCK_FNO_ID;
  const expiries = monthlyExpiries(tradingDate, 4, 3); // stock derivatives expire on the month's last Thursday
  for (let k = 0; emitted < count; k++) {
    const name = stockName(seed, k);
    const price = Math.round((50 + hashUnit(seed, 303, k) ** 2 * 4000) * 20) / 20;
    const nseId = FIRST_NSE_EQ_ID + k;
    const rows: MasterRow[] = [equityRow('NSE', nseId, name, price), equityRow('BSE', FIRST_BSE_EQ_ID + k, name, price)];
    if (k < FNO_STOCKS) {
      const lot = Math.max(1, Math.round(500_000 / price / 25) * 25);
      const step = price < 200 ? 2.5 : price < 1000 ? 10 : 50;
      const atm = Math.round(price / step) * step;
      for (const expiry of expiries) {
        rows.push(stockDerivative(name, nseId, nextFnoId++, expiry, null, 'XX', lot, price));
        for (let s = -STOCK_STRIKES_EACH_SIDE; s <= STOCK_STRIKES_EACH_SIDE; s++) {
          const strike = atm + s * step;
          if (strike <= 0) continue;
          rows.push(stockDerivative(name, nseId, nextFnoId++, expiry, strike, 'CE', lot, price));
          rows.push(stockDerivative(name, nseId, nextFnoId++, expiry, strike, 'PE', lot, price));
        }
      }
    }
    for (const row of rows) {
      if (emitted >= count) return;
      emitted++;
      yield row;
    }
  }
}

function stockDerivative(
  name: string,
  underlyingId: number,
  id: number,
  expiry: string,
  strike: number | null,
  side: 'CE' | 'PE' | 'XX',
  lot: number,
  price: number,
): MasterRow {
  const isFuture = strike === null;
  return {
    exchange: 'NSE',
    segment: 'D',
    securityId: id,
    isin: 'NA',
    instrument: isFuture ? 'FUTSTK' : 'OPTSTK',
    underlyingSecurityId: String(underlyingId),
    underlyingSymbol: name,
    symbolName: '',
    displayName: isFuture ? futureDisplayName(name, expiry) : optionDisplayName(name, expiry, strike, side as 'CE' | 'PE'),
    instrumentType: isFuture ? 'FUT' : 'OP',
    series: 'NA',
    lotSize: lot,
    expiry,
    strike,
    optionType: side,
    tickPaise: 5,
    expiryFlag: 'M',
    expiryCode: 0,
    tradingSymbol: tradingSymbol(name, expiry, 'M', isFuture ? 'FUT' : `${strikeLabel(strike)}-${side}`),
    upperLimit: Math.round(price * 1.2 * 20) / 20,
    lowerLimit: 0.05,
    freezeQty: lot * 20,
  };
}
