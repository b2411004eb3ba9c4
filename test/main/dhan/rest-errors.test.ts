import { describe, expect, it } from 'vitest';
import { restErrorOf } from '../../../src/main/dhan/rest-errors';

const summary = (status: number, json: unknown, endpoint = '/v2/optionchain') => {
  const error = restErrorOf(status, json, endpoint);
  return error === null ? null : { code: error.code, message: error.message, context: error.context };
};

describe('reading DhanHQ error envelopes', () => {
  it('reads the trading envelope DH-901 with HTTP 401 as an invalid token', () => {
    const body = {
      errorType: 'Invalid_Authentication',
      errorCode: 'DH-901',
      errorMessage: 'Client ID or user generated access token is invalid or expired.',
    };
    expect(summary(401, body, '/v2/profile')).toEqual({
      code: 'REST_AUTH_INVALID',
      message:
        'DhanHQ answered DH-901 "Client ID or user generated access token is invalid or expired." (HTTP 401) on /v2/profile',
      context: { httpStatus: 401, dhanCode: 'DH-901', endpoint: '/v2/profile' },
    });
  });

  it('reads DH-904 with HTTP 429 as rate limiting', () => {
    expect(
      summary(429, { errorType: 'Input_Exception', errorCode: 'DH-904', errorMessage: 'Too many requests' })
        ?.code,
    ).toBe('REST_RATE_LIMITED');
  });

  it.each([
    ['DH-902', 'REST_NO_DATA_PLAN'],
    ['DH-903', 'REST_ACCOUNT_PROBLEM'],
    ['DH-905', 'REST_BAD_REQUEST'],
    ['DH-907', 'REST_BAD_REQUEST'],
    ['DH-908', 'REST_SERVER_ERROR'],
    ['DH-909', 'REST_SERVER_ERROR'],
    ['DH-910', 'REST_UNEXPECTED'],
  ])('maps %s to %s', (dhanCode, code) => {
    expect(summary(400, { errorType: 'x', errorCode: dhanCode, errorMessage: 'm' })?.code).toBe(code);
  });

  it('reads the data envelope 806 with HTTP 401 as no Data-API plan, not a bad token', () => {
    expect(summary(401, { data: { '806': 'Data APIs not Subscribed' }, status: 'failed' })).toEqual({
      code: 'REST_NO_DATA_PLAN',
      message: 'DhanHQ answered 806 "Data APIs not Subscribed" (HTTP 401) on /v2/optionchain',
      context: { httpStatus: 401, dhanCode: '806', endpoint: '/v2/optionchain' },
    });
  });

  it('reads the data envelope even when it arrives with HTTP 200', () => {
    expect(summary(200, { data: { '806': 'Data APIs not Subscribed' }, status: 'failed' })).toEqual({
      code: 'REST_NO_DATA_PLAN',
      message: 'DhanHQ answered 806 "Data APIs not Subscribed" (HTTP 200) on /v2/optionchain',
      context: { httpStatus: 200, dhanCode: '806', endpoint: '/v2/optionchain' },
    });
  });

  it('reads the capital-D variant without a status field', () => {
    expect(summary(401, { Data: { '810': 'ClientId is invalid' } })?.context).toEqual({
      httpStatus: 401,
      dhanCode: '810',
      endpoint: '/v2/optionchain',
    });
    expect(summary(401, { Data: { '810': 'ClientId is invalid' } })?.code).toBe('REST_AUTH_INVALID');
  });

  it.each([
    ['800', 500, 'REST_SERVER_ERROR'],
    ['805', 429, 'REST_RATE_LIMITED'],
    ['807', 401, 'REST_AUTH_EXPIRED'],
    ['808', 401, 'REST_AUTH_INVALID'],
    ['809', 401, 'REST_AUTH_INVALID'],
    ['811', 400, 'REST_BAD_REQUEST'],
    ['813', 400, 'REST_BAD_REQUEST'],
    ['814', 400, 'REST_BAD_REQUEST'],
  ])('maps data code %s to the right error', (dhanCode, status, code) => {
    expect(summary(status, { data: { [dhanCode]: 'x' }, status: 'failed' })?.code).toBe(code);
  });

  it('uses the code meaning when the message is not a string', () => {
    expect(summary(400, { data: { '813': null }, status: 'failed' })?.message).toBe(
      'DhanHQ answered 813 "Invalid security id" (HTTP 400) on /v2/optionchain',
    );
  });

  it('reads a 401 page that is not JSON as REST_NOT_JSON and keeps the status', () => {
    expect(summary(401, undefined)).toEqual({
      code: 'REST_NOT_JSON',
      message: 'DhanHQ answered HTTP 401 with a body that is not JSON on /v2/optionchain',
      context: { httpStatus: 401, dhanCode: null, endpoint: '/v2/optionchain' },
    });
  });

  it('reads gateway pages on 5xx and 429 as retryable server errors and rate limits', () => {
    expect(summary(502, undefined)?.code).toBe('REST_SERVER_ERROR');
    expect(summary(429, undefined)?.code).toBe('REST_RATE_LIMITED');
  });

  it('reads a Spring-style 404 and a server exception by their status', () => {
    expect(
      summary(404, { timestamp: 1, status: 404, error: 'Not Found', path: '/v2/nope' }, '/v2/nope'),
    ).toEqual({
      code: 'REST_UNEXPECTED',
      message: 'DhanHQ answered HTTP 404 (Not Found) on /v2/nope',
      context: { httpStatus: 404, dhanCode: null, endpoint: '/v2/nope' },
    });
    expect(
      summary(500, { errorCode: 'INTERNAL_SERVER_ERROR', httpStatus: 500, internalErrorCode: 'RS-9005' }),
    ).toEqual({
      code: 'REST_SERVER_ERROR',
      message: 'DhanHQ answered HTTP 500 (INTERNAL_SERVER_ERROR, RS-9005) on /v2/optionchain',
      context: { httpStatus: 500, dhanCode: 'RS-9005', endpoint: '/v2/optionchain' },
    });
  });

  it('passes successful bodies through', () => {
    expect(summary(200, { data: ['2026-01-08'], status: 'success' })).toBeNull();
    expect(summary(200, { data: { last_price: 1, oc: {} }, status: 'success' })).toBeNull();
    expect(summary(200, { dhanClientId: '1100123456', dataPlan: 'Active' })).toBeNull();
  });
});
