/**
 * Generates DhanHQ's scrip master CSV (detailed or compact) for a universe: the index rows
 * (segment I on IDX_I), the index futures and every index option, optionally followed by
 * realistic non-index filler rows (equities, stock futures and options) so a file can reach a
 * live file's size. Deterministic: the same universe and filler count give the same bytes.
 */
import type { SimInstrument, Universe } from './universe';
import {
  COMPACT_HEADER,
  DETAILED_HEADER,
  NON_OPTION_STRIKE,
  NO_EXPIRY,
  compactExpiry,
  futureDisplayName,
  lotText,
  optionDisplayName,
  strikeLabel,
  strikeText,
  tickText,
  tradingSymbol,
} from './scrip-master-columns';
import { fillerRows } from './filler-rows';

export type ScripMasterFormat = 'detailed' | 'compact';

/** One instrument row, independent of the column layout. */
export interface MasterRow {
  readonly exchange: 'NSE' | 'BSE';
  /** I index, D derivatives, E equity. */
  readonly segment: 'I' | 'D' | 'E';
  readonly securityId: number;
  readonly isin: string;
  readonly instrument: 'INDEX' | 'EQUITY' | 'FUTIDX' | 'OPTIDX' | 'FUTSTK' | 'OPTSTK';
  readonly underlyingSecurityId: string;
  readonly underlyingSymbol: string;
  /** SYMBOL_NAME / SM_SYMBOL_NAME: blank on NSE derivatives, a mnemonic on BSE ones. */
  readonly symbolName: string;
  readonly displayName: string;
  readonly instrumentType: string;
  readonly series: string;
  readonly lotSize: number;
  /** YYYY-MM-DD or NO_EXPIRY. */
  readonly expiry: string;
  /** null for non-options. */
  readonly strike: number | null;
  readonly optionType: 'CE' | 'PE' | 'XX';
  readonly tickPaise: number;
  readonly expiryFlag: string;
  readonly expiryCode: number;
  readonly tradingSymbol: string;
  readonly upperLimit: number;
  readonly lowerLimit: number;
  readonly freezeQty: number;
}

/** Rows of the universe itself, in file order: index rows, then each underlying's futures and options. */
export function universeRows(universe: Universe): MasterRow[] {
  const rows: MasterRow[] = [];
  for (const u of universe.underlyings) rows.push(indexRow(universe, u.spot));
  for (const u of universe.underlyings) {
    u.futures.forEach((f, n) => rows.push(derivativeRow(universe, universe.instruments[f]!, n + 1)));
    for (const expiry of u.expiries) {
      expiry.strikes.forEach((_, s) => {
        rows.push(derivativeRow(universe, universe.instruments[expiry.calls[s]!]!, 0));
        rows.push(derivativeRow(universe, universe.instruments[expiry.puts[s]!]!, 0));
      });
    }
  }
  return rows;
}

/** The file's lines (header first), each ending in a newline. */
export function* scripMasterLines(universe: Universe, format: ScripMasterFormat, filler = 0): Generator<string> {
  yield `${format === 'detailed' ? DETAILED_HEADER : COMPACT_HEADER}\n`;
  const render = format === 'detailed' ? detailedLine : compactLine;
  for (const row of universeRows(universe)) yield `${render(row)}\n`;
  for (const row of fillerRows(universe.seed, universe.tradingDate, filler)) yield `${render(row)}\n`;
}

/** The whole file as one string. */
export function scripMasterCsv(universe: Universe, format: ScripMasterFormat, filler = 0): string {
  const parts: string[] = [];
  for (const line of scripMasterLines(universe, format, filler)) parts.push(line);
  return parts.join('');
}

const money = (value: number): string => value.toFixed(2);

/** One row in the detailed layout, ending with the trailing comma's empty column. */
export function detailedLine(r: MasterRow): string {
  return [
    r.exchange,
    r.segment,
    r.securityId,
    r.isin,
    r.instrument,
    r.underlyingSecurityId,
    r.underlyingSymbol,
    r.symbolName,
    r.displayName,
    r.instrumentType,
    r.series,
    lotText(r.lotSize),
    r.expiry,
    r.strike === null ? NON_OPTION_STRIKE : strikeText(r.strike),
    r.optionType,
    tickText(r.tickPaise),
    r.expiryFlag,
    'N',
    'N',
    'N',
    'NA',
    'A',
    '0.00',
    '0.00',
    '0.00',
    '0.00',
    '0.00',
    '0.00',
    r.segment === 'E' ? '4.00' : '0.00',
    money(r.upperLimit),
    money(r.lowerLimit),
    r.freezeQty,
    '', // the trailing comma's empty column
  ].join(',');
}

/** One row in the compact layout. */
export function compactLine(r: MasterRow): string {
  return [
    r.exchange,
    r.segment,
    r.securityId,
    r.instrument,
    r.expiryCode,
    r.tradingSymbol,
    lotText(r.lotSize),
    r.displayName,
    compactExpiry(r.expiry),
    r.strike === null ? NON_OPTION_STRIKE : strikeText(r.strike),
    r.optionType,
    tickText(r.tickPaise),
    r.expiryFlag,
    r.instrumentType,
    r.series,
    r.symbolName,
  ].join(',');
}

function indexRow(universe: Universe, i: number): MasterRow {
  const instrument = universe.instruments[i]!;
  const spec = universe.underlyings[instrument.underlying]!.spec;
  return {
    exchange: spec.exchange,
    segment: 'I',
    securityId: instrument.securityId,
    isin: 'NA',
    instrument: 'INDEX',
    underlyingSecurityId: '',
    underlyingSymbol: spec.symbol,
    symbolName: spec.symbol,
    displayName: spec.indexDisplayName,
    instrumentType: 'INDEX',
    series: 'NA',
    lotSize: 1,
    expiry: NO_EXPIRY,
    strike: null,
    optionType: 'XX',
    tickPaise: instrument.tickPaise,
    expiryFlag: 'NA',
    expiryCode: 0,
    tradingSymbol: spec.symbol,
    upperLimit: 0,
    lowerLimit: 0,
    freezeQty: 0,
  };
}

function derivativeRow(universe: Universe, instrument: SimInstrument, expiryCode: number): MasterRow {
  const underlying = universe.underlyings[instrument.underlying]!;
  const spec = underlying.spec;
  const spot = underlying.initialSpot;
  const isFuture = instrument.kind === 'future';
  const side = instrument.kind === 'call' ? 'CE' : instrument.kind === 'put' ? 'PE' : 'XX';
  const intrinsic = side === 'CE' ? Math.max(spot - instrument.strike, 0) : side === 'PE' ? Math.max(instrument.strike - spot, 0) : spot;
  return {
    exchange: spec.exchange,
    segment: 'D',
    securityId: instrument.securityId,
    isin: 'NA',
    instrument: isFuture ? 'FUTIDX' : 'OPTIDX',
    underlyingSecurityId: String(spec.exchangeIndexToken),
    underlyingSymbol: spec.symbol,
    symbolName: isFuture ? spec.futureMnemonic : spec.optionMnemonic,
    displayName: side === 'XX' ? futureDisplayName(spec.symbol, instrument.expiry) : optionDisplayName(spec.symbol, instrument.expiry, instrument.strike, side),
    instrumentType: isFuture ? 'FUT' : 'OP',
    series: 'NA',
    lotSize: instrument.lotSize,
    expiry: instrument.expiry,
    strike: isFuture ? null : instrument.strike,
    optionType: side,
    tickPaise: instrument.tickPaise,
    expiryFlag: instrument.expiryFlag,
    expiryCode,
    tradingSymbol: tradingSymbol(spec.symbol, instrument.expiry, instrument.expiryFlag, isFuture ? 'FUT' : `${strikeLabel(instrument.strike)}-${side}`),
    // Price bands: indicative only (exchanges widen them intraday); options are never banded below ₹0.05.
    upperLimit: isFuture ? Math.round(spot * 1.1 * 20) / 20 : Math.round((intrinsic + spot * 0.04) * 20) / 20,
    lowerLimit: isFuture ? Math.round(spot * 0.9 * 20) / 20 : 0.05,
    freezeQty: spec.freezeQty,
  };
}
