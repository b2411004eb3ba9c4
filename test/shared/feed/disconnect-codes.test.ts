import { describe, expect, it } from 'vitest';
import { describeDisconnect } from '../../../src/shared/feed/disconnect-codes';

describe('disconnect reason codes', () => {
  it.each([
    [805, 'FEED_TOO_MANY_CONNECTIONS', 'back-off', 'Too many requests or connections'],
    [806, 'FEED_NO_DATA_PLAN', 'stop', 'Data APIs not subscribed'],
    [807, 'FEED_AUTH_EXPIRED', 'await-token', 'Access token is expired'],
    [808, 'FEED_AUTH_FAILED', 'stop', 'Authentication failed: client id or access token invalid'],
    [809, 'FEED_TOKEN_INVALID', 'stop', 'Access token is invalid'],
    [810, 'FEED_CLIENT_ID_INVALID', 'stop', 'Client id is invalid'],
    [800, 'FEED_DISCONNECTED', 'reconnect', 'Internal server error'],
    [899, 'FEED_DISCONNECTED', 'reconnect', 'Unlisted disconnect reason 899'],
  ])('maps %i to %s and %s', (code, errorCode, action, meaning) => {
    expect(describeDisconnect(code)).toEqual({ code, errorCode, action, meaning });
  });
});
