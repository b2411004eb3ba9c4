import { describe, expect, it } from 'vitest';
import { dhanEndpointsFromEnv } from '../../../src/main/dhan/dhan-endpoints';
import { buildFeedUrl, redactFeedUrl } from '../../../src/main/dhan/feed-url';

const credentials = { clientId: '1100123456', accessToken: 'eyJ0eXAiOiJKV1QifQ.payload.sig' };

describe('feed URL', () => {
  it('builds the documented v2 URL with token, client id and authType 2', () => {
    expect(buildFeedUrl('wss://api-feed.dhan.co', credentials)).toBe(
      'wss://api-feed.dhan.co/?version=2&token=eyJ0eXAiOiJKV1QifQ.payload.sig&clientId=1100123456&authType=2',
    );
  });

  it('keeps a loopback base with a path and its own parameters', () => {
    expect(buildFeedUrl('ws://127.0.0.1:4100/feed?session=a', credentials)).toBe(
      'ws://127.0.0.1:4100/feed?session=a&version=2&token=eyJ0eXAiOiJKV1QifQ.payload.sig&clientId=1100123456&authType=2',
    );
  });

  it('redacts the token and client id wherever the URL is printed', () => {
    const redacted = redactFeedUrl(buildFeedUrl('wss://api-feed.dhan.co', credentials));
    expect(redacted).toBe(
      'wss://api-feed.dhan.co/?version=2&token=[REDACTED]&clientId=[REDACTED]&authType=2',
    );
  });
});

describe('DhanHQ endpoints from the environment', () => {
  it('defaults to production', () => {
    expect(dhanEndpointsFromEnv({})).toEqual({
      apiUrl: 'https://api.dhan.co/v2',
      feedUrl: 'wss://api-feed.dhan.co',
      scripMasterUrl: 'https://images.dhan.co/api-data/api-scrip-master-detailed.csv',
    });
  });

  it('takes DHAN_API_URL, DHAN_FEED_URL and DHAN_SCRIP_MASTER_URL, trimming a trailing slash from the REST base', () => {
    expect(
      dhanEndpointsFromEnv({
        DHAN_API_URL: 'http://127.0.0.1:4000/v2/',
        DHAN_FEED_URL: 'ws://127.0.0.1:4001',
        DHAN_SCRIP_MASTER_URL: ' http://127.0.0.1:4000/master.csv ',
      }),
    ).toEqual({
      apiUrl: 'http://127.0.0.1:4000/v2',
      feedUrl: 'ws://127.0.0.1:4001',
      scripMasterUrl: 'http://127.0.0.1:4000/master.csv',
    });
  });

  it('ignores blank values', () => {
    expect(dhanEndpointsFromEnv({ DHAN_API_URL: '  ' }).apiUrl).toBe('https://api.dhan.co/v2');
  });
});
