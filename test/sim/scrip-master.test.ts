import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { scripMasterCsv } from '../../src/sim/instruments/scrip-master';
import { COMPACT_COLUMNS, DETAILED_COLUMNS } from '../../src/sim/instruments/scrip-master-columns';
import { buildUniverse } from '../../src/sim/instruments/universe';

type Row = Record<string, string>;

const universe = buildUniverse(42, '2025-10-06');
const detailed = scripMasterCsv(universe, 'detailed');
const detailedRows = parse(detailed, { columns: true }) as Row[];

/** Option rows per (underlying, expiry): 2 × strikes, from the documented strike bands. */
const near = (eachSide: number): number => 2 * (2 * eachSide + 1);
const EXPECTED_OPTION_ROWS: Record<string, Record<string, number>> = {
  NIFTY: {
    '2025-10-07': near(150),
    '2025-10-14': near(150),
    '2025-10-21': near(150),
    '2025-10-28': near(150),
    '2025-11-25': near(125),
    '2025-12-30': near(125),
    '2026-03-31': near(125),
    '2026-06-30': near(100),
    '2026-09-29': near(100),
    '2026-12-29': near(100),
    '2027-06-29': near(100),
    '2027-12-28': near(100),
    '2028-06-27': near(100),
    '2028-12-26': near(100),
    '2029-06-26': near(100),
    '2029-12-25': near(100),
    '2030-06-25': near(100),
  },
  BANKNIFTY: {
    '2025-10-28': near(150),
    '2025-11-25': near(125),
    '2025-12-30': near(125),
    '2026-03-31': near(125),
    '2026-06-30': near(60),
    '2026-09-29': near(60),
  },
  FINNIFTY: { '2025-10-28': near(150), '2025-11-25': near(100), '2025-12-30': near(100) },
  MIDCPNIFTY: { '2025-10-28': near(150), '2025-11-25': near(100), '2025-12-30': near(100) },
  SENSEX: {
    '2025-10-09': near(250),
    '2025-10-16': near(250),
    '2025-10-23': near(250),
    '2025-10-30': near(250),
    '2025-11-27': near(150),
    '2025-12-25': near(150),
  },
  BANKEX: { '2025-10-30': near(150), '2025-11-27': near(100), '2025-12-25': near(100) },
};

describe('generated scrip master (detailed)', () => {
  it('has the detailed header with its trailing comma', () => {
    expect(detailed.slice(0, detailed.indexOf('\n'))).toBe(`${DETAILED_COLUMNS.join(',')},`);
  });

  it('parses with csv-parse into the expected option rows per underlying and expiry', () => {
    const counts: Record<string, Record<string, number>> = {};
    for (const row of detailedRows.filter((r) => r.INSTRUMENT === 'OPTIDX')) {
      const byExpiry = (counts[row.UNDERLYING_SYMBOL!] ??= {});
      byExpiry[row.SM_EXPIRY_DATE!] = (byExpiry[row.SM_EXPIRY_DATE!] ?? 0) + 1;
    }
    expect(counts).toEqual(EXPECTED_OPTION_ROWS);
    const total = Object.values(EXPECTED_OPTION_ROWS).flatMap((e) => Object.values(e)).reduce((a, b) => a + b, 0);
    expect(total).toBe(19_956);
  });

  it('lists each index on IDX_I (segment I) with the DhanHQ spot ids', () => {
    const indexRows = detailedRows.filter((r) => r.SEGMENT === 'I');
    expect(indexRows.map((r) => [r.EXCH_ID, r.SECURITY_ID, r.UNDERLYING_SYMBOL, r.INSTRUMENT])).toEqual([
      ['NSE', '13', 'NIFTY', 'INDEX'],
      ['NSE', '25', 'BANKNIFTY', 'INDEX'],
      ['NSE', '27', 'FINNIFTY', 'INDEX'],
      ['NSE', '442', 'MIDCPNIFTY', 'INDEX'],
      ['BSE', '51', 'SENSEX', 'INDEX'],
      ['BSE', '69', 'BANKEX', 'INDEX'],
    ]);
  });

  it('lists three near index futures per underlying with a ₹0.10 tick', () => {
    const futures = detailedRows.filter((r) => r.INSTRUMENT === 'FUTIDX');
    expect(futures).toHaveLength(18);
    const nifty = futures.filter((r) => r.UNDERLYING_SYMBOL === 'NIFTY');
    expect(nifty.map((r) => r.SM_EXPIRY_DATE)).toEqual(['2025-10-28', '2025-11-25', '2025-12-30']);
    expect(nifty.map((r) => [r.TICK_SIZE, r.OPTION_TYPE, r.STRIKE_PRICE, r.LOT_SIZE])).toEqual(
      Array(3).fill(['10.0000', 'XX', '-0.01000', '75.0']),
    );
  });

  it('writes option rows in the documented formats, with lot sizes per underlying', () => {
    const row = detailedRows.find((r) => r.UNDERLYING_SYMBOL === 'NIFTY' && r.SM_EXPIRY_DATE === '2025-10-07' && r.OPTION_TYPE === 'CE')!;
    expect(row.EXCH_ID).toBe('NSE');
    expect(row.SEGMENT).toBe('D');
    expect(row.LOT_SIZE).toBe('75.0');
    expect(row.TICK_SIZE).toBe('5.0000');
    expect(row.EXPIRY_FLAG).toBe('W');
    expect(row.STRIKE_PRICE).toMatch(/^\d+\.00000$/);
    expect(row.DISPLAY_NAME).toBe(`NIFTY 07 OCT ${Number(row.STRIKE_PRICE)} CALL`);
    expect(row.UNDERLYING_SECURITY_ID).toBe('26000');
    expect(row['']).toBe('');
    const lots = Object.fromEntries(
      ['NIFTY', 'BANKNIFTY', 'FINNIFTY', 'MIDCPNIFTY', 'SENSEX', 'BANKEX'].map((u) => [
        u,
        [...new Set(detailedRows.filter((r) => r.UNDERLYING_SYMBOL === u && r.INSTRUMENT === 'OPTIDX').map((r) => r.LOT_SIZE))],
      ]),
    );
    expect(lots).toEqual({ NIFTY: ['75.0'], BANKNIFTY: ['35.0'], FINNIFTY: ['65.0'], MIDCPNIFTY: ['140.0'], SENSEX: ['20.0'], BANKEX: ['30.0'] });
    const sensex = detailedRows.find((r) => r.UNDERLYING_SYMBOL === 'SENSEX' && r.INSTRUMENT === 'OPTIDX')!;
    expect([sensex.EXCH_ID, sensex.SYMBOL_NAME]).toEqual(['BSE', 'BSXOPT']);
  });

  it('gives every contract a unique security id within its exchange', () => {
    const ids = detailedRows.filter((r) => r.SEGMENT === 'D').map((r) => `${r.EXCH_ID}:${r.SECURITY_ID}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('produces the same bytes for the same seed and different ids for another seed', () => {
    expect(scripMasterCsv(buildUniverse(42, '2025-10-06'), 'detailed')).toBe(detailed);
    const other = parse(scripMasterCsv(buildUniverse(43, '2025-10-06'), 'detailed'), { columns: true }) as Row[];
    expect(other).toHaveLength(detailedRows.length);
    expect(other.find((r) => r.INSTRUMENT === 'OPTIDX')!.SECURITY_ID).not.toBe(detailedRows.find((r) => r.INSTRUMENT === 'OPTIDX')!.SECURITY_ID);
  });
});

describe('generated scrip master (compact)', () => {
  const compactRows = parse(scripMasterCsv(universe, 'compact'), { columns: true }) as Row[];

  it('has the 16 compact columns and the same instruments as the detailed file', () => {
    expect(Object.keys(compactRows[0]!)).toEqual([...COMPACT_COLUMNS]);
    expect(compactRows).toHaveLength(detailedRows.length);
  });

  it('writes expiries as YYYY-MM-DD 14:30:00 and trading symbols by expiry kind', () => {
    const weekly = compactRows.find((r) => r.SEM_INSTRUMENT_NAME === 'OPTIDX' && r.SEM_EXPIRY_FLAG === 'W')!;
    expect(weekly.SEM_EXPIRY_DATE).toBe('2025-10-07 14:30:00');
    expect(weekly.SEM_TRADING_SYMBOL).toBe(`NIFTY-07Oct2025-${Number(weekly.SEM_STRIKE_PRICE)}-${weekly.SEM_OPTION_TYPE}`);
    const monthly = compactRows.find((r) => r.SEM_INSTRUMENT_NAME === 'OPTIDX' && r.SEM_EXPIRY_DATE === '2025-10-28 14:30:00')!;
    expect(monthly.SEM_TRADING_SYMBOL).toBe(`NIFTY-Oct2025-${Number(monthly.SEM_STRIKE_PRICE)}-${monthly.SEM_OPTION_TYPE}`);
    expect(monthly.SM_SYMBOL_NAME).toBe('');
    const index = compactRows.find((r) => r.SEM_SEGMENT === 'I')!;
    expect([index.SEM_SMST_SECURITY_ID, index.SEM_EXPIRY_DATE, index.SEM_OPTION_TYPE]).toEqual(['13', '0001-01-01', 'XX']);
  });

  it('reaches a live file size with filler rows: exactly 200 000 more lines', () => {
    const text = scripMasterCsv(universe, 'compact', 200_000);
    let lines = 0;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
    expect(lines).toBe(1 + compactRows.length + 200_000);
  });

  it('adds filler rows that parse and are stock options, stock futures and equities, never index contracts', () => {
    const withFiller = parse(scripMasterCsv(universe, 'compact', 20_000), { columns: true }) as Row[];
    expect(withFiller).toHaveLength(compactRows.length + 20_000);
    const filler = withFiller.slice(compactRows.length);
    expect(filler.filter((r) => r.SEM_INSTRUMENT_NAME === 'OPTIDX' || r.SEM_INSTRUMENT_NAME === 'FUTIDX')).toHaveLength(0);
    expect([...new Set(filler.map((r) => r.SEM_INSTRUMENT_NAME))].sort()).toEqual(['EQUITY', 'FUTSTK', 'OPTSTK']);
    const optionIds = new Set(compactRows.filter((r) => r.SEM_SEGMENT === 'D').map((r) => `${r.SEM_EXM_EXCH_ID}:${r.SEM_SMST_SECURITY_ID}`));
    expect(filler.filter((r) => optionIds.has(`${r.SEM_EXM_EXCH_ID}:${r.SEM_SMST_SECURITY_ID}`) && r.SEM_SEGMENT === 'D')).toHaveLength(0);
  });
});
