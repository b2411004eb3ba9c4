import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseScripMaster, type ScripMasterParseResult } from '../../../src/main/dhan/scrip-master-parser';
import { isAppError } from '../../../src/shared/errors/app-error';
import { DEFAULT_UNDERLYINGS } from '../../../src/shared/model/instruments';
import { buildSkeleton } from '../../../src/shared/model/skeleton-builder';
import {
  COMPACT_HEADER,
  DETAILED_HEADER,
  expectedCounts,
  formatRow,
  indexOptionRows,
  scripMasterText,
  type GeneratorSpec,
} from '../../fixtures/dhan/scrip-master-generator';

const underlyings = DEFAULT_UNDERLYINGS;

/** Feeds `text` in chunks of `size` bytes, so rows, quotes and UTF-8 characters split across chunks. */
function chunked(text: string, size = 65_536): Readable {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return Readable.from(chunks);
}

const parse = (text: string, size?: number): Promise<ScripMasterParseResult> =>
  parseScripMaster(chunked(text, size), { underlyings });

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a failure');
}

const small: GeneratorSpec = {
  format: 'detailed',
  expiriesPerUnderlying: 2,
  strikesPerExpiry: 3,
  fillerRows: 40,
};

describe('scrip master parsing', () => {
  it('keeps the index options, futures and spot rows of the six underlyings from a detailed file', async () => {
    const result = await parse(scripMasterText(small));
    const expected = expectedCounts(small);
    expect(result.format).toBe('detailed');
    expect([result.rowsRead, result.rowsKept, result.rowsRejected]).toEqual([expected.rows, 72 + 18 + 6, 0]);
    expect([result.data.options.length, result.data.futures.length, result.data.indices.length]).toEqual([
      72, 18, 6,
    ]);
    expect(result.data.options[0]).toEqual({
      segment: 'NSE_FNO',
      securityId: 100_000,
      underlying: 'NIFTY',
      expiry: '2026-01-08',
      lotSize: 75,
      tickSizeRupees: 0.05,
      tradingSymbol: 'NIFTY-Jan2026-24950-CE',
      expiryFlag: 'W',
      strike: 24_950,
      side: 'CE',
    });
    expect(result.data.futures[12]).toEqual({
      segment: 'BSE_FNO',
      securityId: 90_012,
      underlying: 'SENSEX',
      expiry: '2026-01-31',
      lotSize: 20,
      tickSizeRupees: 0.1,
      tradingSymbol: 'SENSEX-Jan2026-FUT',
      expiryFlag: 'M',
    });
    expect(result.data.indices).toEqual([
      { symbol: 'NIFTY', securityId: 13 },
      { symbol: 'BANKNIFTY', securityId: 25 },
      { symbol: 'FINNIFTY', securityId: 27 },
      { symbol: 'MIDCPNIFTY', securityId: 442 },
      { symbol: 'SENSEX', securityId: 51 },
      { symbol: 'BANKEX', securityId: 69 },
    ]);
    expect(result.bytes).toBe(Buffer.byteLength(scripMasterText(small)));
  });

  it('reads the compact file the same way, taking the underlying from the trading symbol', async () => {
    const compact = { ...small, format: 'compact' as const };
    const result = await parse(scripMasterText(compact));
    expect(result.format).toBe('compact');
    expect([
      result.data.options.length,
      result.data.futures.length,
      result.data.indices.length,
      result.rowsRejected,
    ]).toEqual([72, 18, 6, 0]);
    const sensex = result.data.options.find((o) => o.underlying === 'SENSEX');
    expect(sensex).toMatchObject({
      segment: 'BSE_FNO',
      expiry: '2026-01-08',
      lotSize: 20,
      tickSizeRupees: 0.05,
    });
    const detailed = await parse(scripMasterText(small));
    expect(result.data.options).toEqual(detailed.data.options);
  });

  it('builds the same skeleton counts as the generator put in', async () => {
    const result = await parse(scripMasterText(small));
    expect(buildSkeleton(result.data, { underlyings }).counts).toEqual({
      underlyings: 6,
      expiries: 12,
      strikes: 36,
      tokens: 72,
    });
  });

  it('survives BOM, CRLF, quoted commas, blank fields, blank lines and chunk boundaries anywhere', async () => {
    const rows = [...indexOptionRows({ expiriesPerUnderlying: 1, strikesPerExpiry: 1 })].slice(0, 2);
    const quoted = formatRow(rows[0]!, 'detailed').replace(
      'NIFTY 08 JAN 25000 CALL',
      '"NIFTY, 08 JAN ₹25000 CALL"',
    );
    const text = `\uFEFF${DETAILED_HEADER}\r\n${quoted}\r\n\r\n${formatRow(rows[1]!, 'detailed').replace(',W,N,N,N,', ',,,,,')}\r\n`;
    for (const size of [1, 3, 7, 4096]) {
      const result = await parse(text, size);
      expect([result.rowsRead, result.rowsRejected, result.data.options.length]).toEqual([2, 0, 2]);
      expect(result.data.options[1]?.expiryFlag).toBe('');
      expect(result.data.options.map((o) => [o.side, o.strike, o.tradingSymbol])).toEqual([
        ['CE', 25_000, 'NIFTY-Jan2026-25000-CE'],
        ['PE', 25_000, 'NIFTY-Jan2026-25000-PE'],
      ]);
    }
  });

  it('skips malformed rows, counts each reason, and keeps every good row after them', async () => {
    const good = [...indexOptionRows({ expiriesPerUnderlying: 1, strikesPerExpiry: 2 })]
      .slice(0, 4)
      .map((r) => formatRow(r, 'compact'));
    const bad = (replace: [string, string]): string => good[0]!.replace(replace[0], replace[1]);
    const text = [
      COMPACT_HEADER,
      good[0],
      'NSE,D,123,OPTIDX,0,NIFTY-Jan2026-1-CE,"75.0,broken',
      'NSE,D,124,OPTIDX',
      'NSE,E,99', // short too, but not an index row: read, not parsed, not rejected
      bad(['2026-01-08 14:30:00', '0001-01-01']),
      bad(['24950.00000', 'abc']),
      bad([',CE,', ',XX,']),
      bad(['75.0', '0.0']),
      bad(['5.0000', '']),
      bad(['NSE,D', 'MCX,D']),
      bad(['NSE,D,100000', 'NSE,D,10a']),
      `NSE,D,125,EQUITY,${'x'.repeat(1_100_000)}`,
      good[1]!.replace(/NIFTY \d\d JAN/, 'NIFTY "WEEKLY" 08 JAN'),
      good[2],
      good[3],
    ].join('\n');
    const result = await parse(text);
    expect(result.rejectReasons).toEqual({
      'unbalanced-quotes': 1,
      'short-row': 1,
      'bad-expiry': 1,
      'bad-strike': 1,
      'bad-option-type': 1,
      'bad-lot-size': 1,
      'bad-tick-size': 1,
      'unknown-exchange': 1,
      'bad-security-id': 1,
      'overlong-line': 1,
    });
    expect([result.rowsRead, result.rowsRejected, result.data.options.length]).toEqual([15, 10, 4]);
    expect(result.data.options.map((o) => o.securityId)).toEqual([100_000, 100_001, 100_002, 100_003]);
  });

  it('reads a 0.0500 tick as five paise, like 5.0000', async () => {
    const [row] = [...indexOptionRows({ expiriesPerUnderlying: 1, strikesPerExpiry: 1 })];
    const text = `${DETAILED_HEADER}\n${formatRow(row!, 'detailed').replace(',5.0000,', ',0.0500,')}\n`;
    expect((await parse(text)).data.options[0]?.tickSizeRupees).toBe(0.05);
  });

  it('fails with MASTER_BAD_HEADER naming the missing columns', async () => {
    const header = DETAILED_HEADER.replace('STRIKE_PRICE,', 'STRIKE,').replace('LOT_SIZE,', '');
    expect(await failure(parse(`${header}\nNSE,D,1\n`))).toEqual({
      code: 'MASTER_BAD_HEADER',
      message: 'The detailed header lacks required columns: LOT_SIZE, STRIKE_PRICE',
    });
  });

  it('fails with MASTER_BAD_HEADER on a file of another kind, and on an empty file', async () => {
    expect(await failure(parse('<html><body>Not Found</body></html>\n'))).toEqual({
      code: 'MASTER_BAD_HEADER',
      message:
        'The header has neither SEM_SMST_SECURITY_ID nor SECURITY_ID (first columns: <HTML><BODY>NOT FOUND</BODY></HTML>)',
    });
    expect((await failure(parse(''))).code).toBe('MASTER_BAD_HEADER');
  });

  it('reports progress in bytes and rows', async () => {
    const text = scripMasterText({ ...small, fillerRows: 25_000 });
    const bytes: number[] = [];
    const rows: number[] = [];
    await parseScripMaster(chunked(text, 100_000), {
      underlyings,
      onBytes: (b) => bytes.push(b),
      onRows: (r) => rows.push(r),
    });
    const total = Buffer.byteLength(text);
    expect(bytes.at(-1)).toBe(total);
    expect(bytes).toHaveLength(Math.ceil(total / 100_000));
    expect(rows).toEqual([10_000, 20_000, 25_096]);
  });
});
