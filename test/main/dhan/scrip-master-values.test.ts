import { describe, expect, it } from 'vitest';
import {
  derivativeSegmentOf,
  expiryFlagOf,
  parseExpiry,
  parseLotSize,
  parseSecurityId,
  parseStrike,
  symbolPrefix,
  tickSizeRupees,
} from '../../../src/main/dhan/scrip-master-values';

describe('scrip master values', () => {
  it('reads tick sizes in paise, and values below 1 as rupees already', () => {
    expect(
      ['5.0000', '10.0000', '100.0000', '0.0500', '0.05', '1', '0', '-5', '', 'x'].map(tickSizeRupees),
    ).toEqual([0.05, 0.1, 1, 0.05, 0.05, 0.01, null, null, null, null]);
  });

  it('takes the first 10 characters of an expiry and refuses blanks and placeholders', () => {
    expect(
      [
        '2026-01-08 14:30:00',
        '2026-01-08',
        ' 2026-12-31 23:30:00',
        '0001-01-01',
        '',
        '2026-13-01',
        '08-01-2026',
        'NA',
      ].map(parseExpiry),
    ).toEqual(['2026-01-08', '2026-01-08', '2026-12-31', null, null, null, null, null]);
  });

  it('reads whole positive lot sizes written as floats', () => {
    expect(['75.0', '75', '1800.0', '0.0', '-75', '37.5', ''].map(parseLotSize)).toEqual([
      75,
      75,
      1800,
      null,
      null,
      null,
      null,
    ]);
  });

  it('reads positive strikes and refuses the non-option placeholder', () => {
    expect(['24500.00000', '23000.5', '-0.01000', '', '0'].map(parseStrike)).toEqual([
      24500,
      23000.5,
      null,
      null,
      null,
    ]);
  });

  it('reads digit-only security ids', () => {
    expect(['35001', ' 13 ', '1.5', '-3', 'abc', '', '0'].map(parseSecurityId)).toEqual([
      35001,
      13,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('maps the exchange to the derivative segment', () => {
    expect(['NSE', 'bse', 'MCX', ''].map(derivativeSegmentOf)).toEqual(['NSE_FNO', 'BSE_FNO', null, null]);
  });

  it('takes the underlying from a trading symbol or a display name', () => {
    expect(
      ['NIFTY-Dec2024-24500-CE', 'BANKNIFTY-Jan2026-57000-PE', 'NIFTY 26 DEC 24500 CALL', 'sensex', ''].map(
        symbolPrefix,
      ),
    ).toEqual(['NIFTY', 'BANKNIFTY', 'NIFTY', 'SENSEX', '']);
  });

  it('reads the expiry flag, NA as blank', () => {
    expect(['W', 'm', 'NA', ''].map(expiryFlagOf)).toEqual(['W', 'M', '', '']);
  });
});
