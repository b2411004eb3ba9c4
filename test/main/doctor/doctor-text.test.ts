import { describe, expect, it } from 'vitest';
import { buildDoctorReport } from '../../../src/main/doctor/doctor-report';
import { renderDoctorText } from '../../../src/main/doctor/doctor-text';
import { problemOf } from '../../../src/shared/errors/app-error';
import { ERROR_CATALOG } from '../../../src/shared/errors/error-catalog';
import { feed, healthyFacts } from './doctor-facts';

describe('renderDoctorText', () => {
  it('prints one ✓ line per check and the verdict for a healthy run', () => {
    expect(renderDoctorText(buildDoctorReport(healthyFacts()))).toBe(
      [
        'ChainLens doctor — DhanHQ',
        '',
        '✓ Credentials        ok (from env) · client 11••••89 · Data API plan Active — Credentials are valid and the Data API plan is active.',
        '✓ Instrument master  download · 2026-11-26 · 1,000 of 1,200 rows kept · 0 rejected',
        '✓ Skeleton           1 underlying · 2 expiries · 40 strikes · 80 tokens',
        '✓ Live feed          live · 1 connection · 83 subscribed · 40 packets (25 during the 5 s watch) · 0 decode errors',
        '✓ Option chain       NIFTY 2026-12-01 · spot 25000.13 · 2 strikes · 2 of 3 contracts priced',
        '',
        'Verdict: HEALTHY (exit code 0)',
        '',
      ].join('\n'),
    );
  });

  it('marks each check ✗ or ! with every cause and remedy under it, and says SIMULATED in demo mode', () => {
    const facts = healthyFacts();
    const expired = 'DhanHQ closed the feed: the access token expired (807).';
    const report = buildDoctorReport({
      ...facts,
      mode: 'demo',
      credentials: { ...facts.credentials, status: 'expired', message: expired },
      feed: feed([], { state: 'stopped', lastDisconnectCode: 807 }),
      problems: [
        problemOf('CRED_EXPIRED', expired),
        problemOf('MASTER_ROWS_REJECTED', '3 of 1200 instrument-master rows were skipped.'),
        problemOf('FEED_AUTH_EXPIRED'),
        problemOf('MARKET_CLOSED'),
        problemOf('API_INTERNAL', 'The chain view could not be opened.'),
      ],
    });
    expect(renderDoctorText(report)).toBe(
      [
        'ChainLens doctor — SIMULATED market (demo)',
        '',
        `✗ Credentials        expired (from env) · client 11••••89 · Data API plan Active — ${expired}`,
        `    ✗ CRED_EXPIRED: ${expired}`,
        `      What to do: ${ERROR_CATALOG.CRED_EXPIRED.remedy}`,
        '! Instrument master  download · 2026-11-26 · 1,000 of 1,200 rows kept · 0 rejected',
        '    ! MASTER_ROWS_REJECTED: 3 of 1200 instrument-master rows were skipped.',
        `      What to do: ${ERROR_CATALOG.MASTER_ROWS_REJECTED.remedy}`,
        '✓ Skeleton           1 underlying · 2 expiries · 40 strikes · 80 tokens',
        '✗ Live feed          stopped · no connection opened · last disconnect code 807',
        `    ✗ FEED_AUTH_EXPIRED: ${ERROR_CATALOG.FEED_AUTH_EXPIRED.title}`,
        `      What to do: ${ERROR_CATALOG.FEED_AUTH_EXPIRED.remedy}`,
        `    i MARKET_CLOSED: ${ERROR_CATALOG.MARKET_CLOSED.title}`,
        `      What to do: ${ERROR_CATALOG.MARKET_CLOSED.remedy}`,
        '✓ Option chain       NIFTY 2026-12-01 · spot 25000.13 · 2 strikes · 2 of 3 contracts priced',
        '✗ Other              1 more problem',
        '    ✗ API_INTERNAL: The chain view could not be opened.',
        `      What to do: ${ERROR_CATALOG.API_INTERNAL.remedy}`,
        '',
        'Verdict: FAILED (exit code 2)',
        '',
      ].join('\n'),
    );
  });

  it('marks a step that was never reached ✗ even without a problem of its own', () => {
    const report = buildDoctorReport(
      healthyFacts({
        skeleton: null,
        instrumentMaster: { ...healthyFacts().instrumentMaster, state: 'failed', source: null, date: null },
        feed: feed([], { state: 'idle' }),
        chain: { underlying: 'SENSEX', expiry: null, spot: null, rows: [] },
        problems: [problemOf('MASTER_DOWNLOAD_FAILED', 'HTTP 503')],
      }),
    );
    const checks = renderDoctorText(report).split('\n').filter((line) => /^[✓!✗] /.test(line));
    expect(checks).toEqual([
      '✓ Credentials        ok (from env) · client 11••••89 · Data API plan Active — Credentials are valid and the Data API plan is active.',
      '✗ Instrument master  failed · https://images.dhan.co/api-data/api-scrip-master-detailed.csv',
      '✗ Skeleton           0 underlyings · 0 expiries · 0 strikes · 0 tokens',
      '✗ Live feed          idle · no connection opened',
      '✗ Option chain       SENSEX (no expiry) · not opened',
    ]);
  });
});
