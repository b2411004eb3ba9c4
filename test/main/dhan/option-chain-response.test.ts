import { describe, expect, it } from 'vitest';
import { parseOptionChain } from '../../../src/main/dhan/option-chain-response';
import { parseExpiryList, parseProfile } from '../../../src/main/dhan/rest-responses';
import { isAppError } from '../../../src/shared/errors/app-error';
import { OPTION_CHAIN_BODY } from '../../fixtures/dhan/option-chain-sample';

const request = { underlyingSecurityId: 13, underlyingSegment: 'IDX_I' as const, expiry: '2026-01-08' };

describe('option-chain answer parsing', () => {
  const result = parseOptionChain(OPTION_CHAIN_BODY, request, 1_000, '/v2/optionchain');

  it('parses strike keys as numbers and sorts the rows', () => {
    expect(result.rows.map((r) => r.strike)).toEqual([22950, 23000.5, 23100]);
    expect(result.spotLastPrice).toBe(23092.19921875);
    expect(result.skippedStrikes).toBe(0);
    expect(result).toMatchObject({
      underlyingSecurityId: 13,
      underlyingSegment: 'IDX_I',
      expiry: '2026-01-08',
      fetchedAtMs: 1_000,
    });
  });

  it('keeps every side field, with DhanHQ IV and greeks in broker fields', () => {
    expect(result.rows[2]?.ce).toEqual({
      securityId: 42_101,
      lastPrice: 134,
      averagePrice: 120.5,
      oi: 1_250_000,
      previousOi: 1_100_000,
      volume: 5_432_100,
      previousVolume: 9_876_543,
      previousClosePrice: 150.2,
      topBidPrice: 133.9,
      topBidQuantity: 150,
      topAskPrice: 134.5,
      topAskQuantity: 75,
      brokerIvPercent: 14.13,
      brokerDelta: 0.49,
      brokerGamma: 0.0011,
      brokerTheta: -12.5,
      brokerVega: 11.2,
    });
  });

  it('accepts an absent security_id and average_price as null', () => {
    expect(result.rows[2]?.pe?.securityId).toBeNull();
    expect(result.rows[2]?.pe?.averagePrice).toBeNull();
    expect(Object.is(result.rows[2]?.pe?.brokerTheta, -0)).toBe(true);
  });

  it('reads a string security id, a missing side and missing greeks', () => {
    expect(result.rows[1]?.ce?.securityId).toBe(42_100);
    expect(result.rows[0]?.pe).toBeNull();
    expect(result.rows[1]?.pe).toMatchObject({
      securityId: 42_200,
      lastPrice: 70.1,
      oi: 0,
      brokerIvPercent: null,
      brokerDelta: null,
    });
  });

  it('skips strike keys that are not numbers and counts them', () => {
    const odd = parseOptionChain(
      { data: { last_price: 1, oc: { abc: {}, '100.000000': {} } } },
      request,
      0,
      '/v2/optionchain',
    );
    expect(odd.rows).toEqual([{ strike: 100, ce: null, pe: null }]);
    expect(odd.skippedStrikes).toBe(1);
  });

  it('refuses a body without data.oc as REST_UNEXPECTED naming the field', () => {
    let caught: unknown;
    try {
      parseOptionChain({ data: { last_price: 1 } }, request, 0, '/v2/optionchain');
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught) && [caught.code, caught.message]).toEqual([
      'REST_UNEXPECTED',
      'Unexpected answer from /v2/optionchain: data.oc: Invalid input: expected record, received undefined',
    ]);
  });
});

describe('profile and expiry list parsing', () => {
  it('reads the documented profile fields and the data plan', () => {
    expect(
      parseProfile(
        {
          dhanClientId: '1100123456',
          tokenValidity: '30/03/2025 15:37',
          activeSegment: 'Equity, Derivative',
          ddpi: 'Active',
          mtf: 'Active',
          dataPlan: 'Active',
          dataValidity: '2025-05-01 00:00:00.0',
        },
        '/v2/profile',
      ),
    ).toEqual({
      clientId: '1100123456',
      tokenValidity: '30/03/2025 15:37',
      dataPlan: 'Active',
      dataValidity: '2025-05-01 00:00:00.0',
      activeSegment: 'Equity, Derivative',
      dataPlanActive: true,
    });
  });

  it('reads a Deactive plan as inactive, a nested profile, and a missing plan as unknown', () => {
    expect(parseProfile({ dhanClientId: 1100123456, dataPlan: 'Deactive' }, '/v2/profile')).toMatchObject({
      clientId: '1100123456',
      dataPlanActive: false,
    });
    expect(
      parseProfile({ data: { dhanClientId: '11', dataPlan: 'Active' } }, '/v2/profile').dataPlanActive,
    ).toBe(true);
    expect(parseProfile({}, '/v2/profile').dataPlanActive).toBeNull();
  });

  it('sorts and de-duplicates the expiry list', () => {
    expect(
      parseExpiryList(
        { data: ['2026-01-15', '2026-01-08', '2026-01-15'], status: 'success' },
        '/v2/optionchain/expirylist',
      ),
    ).toEqual(['2026-01-08', '2026-01-15']);
  });

  it('refuses an expiry that is not YYYY-MM-DD', () => {
    expect(() => parseExpiryList({ data: ['08-01-2026'] }, '/v2/optionchain/expirylist')).toThrow(/data\.0/);
  });
});
