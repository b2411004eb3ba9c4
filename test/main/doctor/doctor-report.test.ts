import { describe, expect, it } from 'vitest';
import { buildDoctorReport, exitCodeOf, problemArea, verdictOf } from '../../../src/main/doctor/doctor-report';
import { problemOf } from '../../../src/shared/errors/app-error';
import { ERROR_CATALOG, type ErrorCode } from '../../../src/shared/errors/error-catalog';
import { connection, feed, healthyFacts } from './doctor-facts';

const problems = (...codes: ErrorCode[]) => codes.map((code) => problemOf(code));

describe('buildDoctorReport', () => {
  it('builds the whole contract for a healthy run, prices rounded to 2 decimals', () => {
    expect(buildDoctorReport(healthyFacts())).toEqual({
      verdict: 'healthy',
      exitCode: 0,
      mode: 'live',
      credentials: {
        source: 'env',
        status: 'ok',
        message: 'Credentials are valid and the Data API plan is active.',
        remedy: '',
        clientIdMasked: '11••••89',
        tokenExpiresAtMs: 2_000_000,
        dataPlan: 'Active',
      },
      instrumentMaster: {
        state: 'loaded',
        source: 'download',
        date: '2026-11-26',
        url: 'https://images.dhan.co/api-data/api-scrip-master-detailed.csv',
        rowsRead: 1200,
        rowsKept: 1000,
        rowsRejected: 0,
      },
      skeleton: { underlyings: 1, expiries: 2, strikes: 40, tokens: 80 },
      feed: { state: 'live', marketOpen: true, connections: 1, subscribed: 83, packets: 40, packetsDuringWatch: 25, decodeErrors: 0, lastDisconnectCode: null, watchSeconds: 5 },
      chain: {
        underlying: 'NIFTY',
        expiry: '2026-12-01',
        spot: 25000.13,
        rows: [
          {
            strike: 24950,
            ce: { securityId: 101, ltp: 120.3, prevClose: 101.1, oi: 5000, volume: 750, bidPrice: 99.95, bidQty: 150, askPrice: 100.05, askQty: 75, iv: 12.35, source: 'feed' },
            pe: { securityId: 102, ltp: 70.05, prevClose: 101.1, oi: 5000, volume: 750, bidPrice: 99.95, bidQty: 150, askPrice: 100.05, askQty: 75, iv: null, source: 'rest' },
          },
          {
            strike: 25000,
            ce: { securityId: 103, ltp: null, prevClose: 101.1, oi: 5000, volume: 750, bidPrice: null, bidQty: null, askPrice: 100.05, askQty: 75, iv: 12.35, source: null },
            pe: null,
          },
        ],
      },
      errors: [],
    });
  });

  it('lists engine problems first, then its own, each code once with the catalogue remedy', () => {
    const report = buildDoctorReport(
      healthyFacts({
        problems: [problemOf('MASTER_STALE_CACHE', 'Using the copy from 2026-11-25.'), problemOf('FEED_SUBSCRIPTION_LIMIT', '120 of 20 000 left out.')],
        doctorProblems: [problemOf('MASTER_STALE_CACHE', 'a second wording'), problemOf('CACHE_EMPTY', 'No prices yet.')],
      }),
    );
    expect(report.errors).toEqual([
      { code: 'MASTER_STALE_CACHE', severity: 'warning', title: ERROR_CATALOG.MASTER_STALE_CACHE.title, message: 'Using the copy from 2026-11-25.', remedy: ERROR_CATALOG.MASTER_STALE_CACHE.remedy },
      { code: 'FEED_SUBSCRIPTION_LIMIT', severity: 'info', title: ERROR_CATALOG.FEED_SUBSCRIPTION_LIMIT.title, message: '120 of 20 000 left out.', remedy: ERROR_CATALOG.FEED_SUBSCRIPTION_LIMIT.remedy },
      { code: 'CACHE_EMPTY', severity: 'warning', title: ERROR_CATALOG.CACHE_EMPTY.title, message: 'No prices yet.', remedy: ERROR_CATALOG.CACHE_EMPTY.remedy },
    ]);
    expect(report.verdict).toBe('degraded');
    expect(report.exitCode).toBe(1);
  });

  it('adds FEED_SILENT when open connections delivered no packet at all', () => {
    const report = buildDoctorReport(healthyFacts({ feed: feed([connection(1, 0), connection(2, 0), connection(3, 0, 'reconnecting')]), watch: { seconds: 3, packetsBefore: 0 } }));
    expect(report.errors.map((e) => [e.code, e.message])).toEqual([['FEED_SILENT', '2 feed connection(s) stayed open for the 3 s watch and received no packet.']]);
    expect([report.verdict, report.exitCode]).toEqual(['degraded', 1]);
  });

  it('says the market is closed when a silent feed is outside market hours', () => {
    const report = buildDoctorReport(healthyFacts({ feed: feed([connection(1, 0)], { marketOpen: false }) }));
    expect(report.errors[0]?.message).toBe('1 feed connection(s) stayed open for the 5 s watch and received no packet. The market is closed, but DhanHQ still sends the last values on subscribe.');
  });

  it('leaves connections that never tried (waiting for a usable token) to the credentials problem', () => {
    const report = buildDoctorReport(healthyFacts({ feed: feed([connection(1, 0, 'idle'), connection(2, 0, 'idle')], { state: 'awaiting-token' }) }));
    expect(report.errors).toEqual([]);
  });

  it('does not call a feed silent once any packet arrived', () => {
    expect(buildDoctorReport(healthyFacts({ feed: feed([connection(1, 0), connection(2, 1)]) })).errors).toEqual([]);
    expect(buildDoctorReport(healthyFacts({ feed: feed([connection(1, 0, 'stopped'), connection(2, 7, 'stopped')]) })).errors).toEqual([]);
  });

  it("calls a feed that never opened a connection not connected, with the last attempt's reason", () => {
    const refused = { atMs: 2_000, connectionId: 1, code: null, errorCode: 'FEED_HANDSHAKE_FAILED' as const, meaning: 'connect ECONNREFUSED 127.0.0.1:9', action: 'reconnect' as const };
    const older = { ...refused, atMs: 1_000, meaning: 'an older attempt' };
    const report = buildDoctorReport(
      healthyFacts({
        feed: feed([{ ...connection(1, 0, 'reconnecting'), lastDisconnect: refused }, { ...connection(2, 0, 'reconnecting'), lastDisconnect: older }], { state: 'reconnecting' }),
        problems: [problemOf('FEED_DROPPED', 'The live feed is reconnecting.')],
      }),
    );
    expect(report.errors.map((e) => [e.code, e.message])).toEqual([
      ['FEED_DROPPED', 'The live feed is reconnecting.'],
      ['FEED_NOT_CONNECTED', 'None of 2 feed connection(s) opened during the 5 s watch; the last attempt ended with FEED_HANDSHAKE_FAILED (connect ECONNREFUSED 127.0.0.1:9).'],
    ]);
    expect([report.verdict, report.exitCode]).toEqual(['failed', 4]);
  });

  it('keeps the chain with no rows, zero counts and the reason when nothing could be opened', () => {
    const report = buildDoctorReport(
      healthyFacts({
        skeleton: null,
        feed: feed([], { state: 'idle' }),
        chain: { underlying: 'NIFTY', expiry: null, spot: null, rows: [] },
        problems: [problemOf('MASTER_DOWNLOAD_FAILED', 'HTTP 503 from images.dhan.co')],
        doctorProblems: [problemOf('MASTER_DOWNLOAD_FAILED', 'HTTP 503 from images.dhan.co')],
      }),
    );
    expect(report.skeleton).toEqual({ underlyings: 0, expiries: 0, strikes: 0, tokens: 0 });
    expect(report.chain).toEqual({ underlying: 'NIFTY', expiry: null, spot: null, rows: [] });
    expect(report.errors.map((e) => e.code)).toEqual(['MASTER_DOWNLOAD_FAILED']);
    expect([report.verdict, report.exitCode]).toEqual(['failed', 3]);
  });

  it('reports packets during the watch as the total minus those before it', () => {
    expect(buildDoctorReport(healthyFacts({ watch: { seconds: 5, packetsBefore: 40 } })).feed.packetsDuringWatch).toBe(0);
    expect(buildDoctorReport(healthyFacts({ watch: { seconds: 5, packetsBefore: 0 } })).feed.packetsDuringWatch).toBe(40);
  });

  it('never reports credentials as "unchecked": an unfinished check reads as unreachable', () => {
    const facts = healthyFacts();
    const report = buildDoctorReport({ ...facts, credentials: { ...facts.credentials, status: 'unchecked' } });
    expect(report.credentials.status).toBe('unreachable');
  });
});

describe('problemArea', () => {
  it.each<[ErrorCode, string]>([
    ['CRED_MISSING', 'credentials'],
    ['CRED_EXPIRING_SOON', 'credentials'],
    ['KEYCHAIN_UNAVAILABLE', 'credentials'],
    ['MASTER_DOWNLOAD_FAILED', 'master'],
    ['SKELETON_NO_TOKENS', 'master'],
    ['CHAIN_UNKNOWN_EXPIRY', 'master'],
    ['FEED_AUTH_EXPIRED', 'feed'],
    ['CODEC_TRUNCATED', 'feed'],
    ['REST_TIMEOUT', 'other'],
    ['CACHE_EMPTY', 'other'],
    ['MARKET_CLOSED', 'other'],
  ])('puts %s under %s', (code, area) => {
    expect(problemArea(code)).toBe(area);
  });
});

describe('verdict and exit code', () => {
  it.each<[string, ErrorCode[], string, number]>([
    ['nothing', [], 'healthy', 0],
    ['info only (subscription limit, market closed)', ['FEED_SUBSCRIPTION_LIMIT', 'MARKET_CLOSED', 'CODEC_UNKNOWN_CODE'], 'healthy', 0],
    ['a stale instrument master (warning)', ['MASTER_STALE_CACHE'], 'degraded', 1],
    ['rows rejected (warning)', ['MASTER_ROWS_REJECTED'], 'degraded', 1],
    ['a token expiring soon (credentials warning)', ['CRED_EXPIRING_SOON'], 'degraded', 1],
    ['an error outside the three startup steps', ['REST_AUTH_INVALID'], 'degraded', 1],
    ['a feed error', ['FEED_NOT_CONNECTED'], 'failed', 4],
    ['a feed error and a warning', ['MASTER_ROWS_REJECTED', 'FEED_NO_DATA_PLAN'], 'failed', 4],
    ['a skeleton error over a feed error', ['FEED_NOT_CONNECTED', 'SKELETON_NO_STRIKES'], 'failed', 3],
    ['a master error over a feed error', ['FEED_AUTH_FAILED', 'MASTER_BAD_HEADER'], 'failed', 3],
    ['a credentials error over master and feed errors', ['FEED_AUTH_EXPIRED', 'MASTER_DOWNLOAD_FAILED', 'CRED_EXPIRED'], 'failed', 2],
    ['a credentials error alone', ['CRED_NO_DATA_PLAN'], 'failed', 2],
  ])('%s → %s, exit %i', (_what, codes, verdict, exitCode) => {
    expect(verdictOf(problems(...codes))).toBe(verdict);
    expect(exitCodeOf(problems(...codes))).toBe(exitCode);
  });

  it('takes severity from the problem, not the code alone', () => {
    expect(exitCodeOf([{ code: 'FEED_SILENT', severity: 'warning' }])).toBe(1);
    expect(exitCodeOf([{ code: 'FEED_SILENT', severity: 'error' }])).toBe(4);
  });
});
