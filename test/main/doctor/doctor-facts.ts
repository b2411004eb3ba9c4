// Hand-made doctor facts for unit tests of the report builder and its text rendering.
import type { DoctorFacts } from '../../../src/main/doctor/doctor-report';
import type { ConnectionDiagnostics, FeedSummary, SideView } from '../../../src/shared/api/view-types';

export function side(securityId: number, ltp: number | null, extra: Partial<SideView> = {}): SideView {
  return {
    securityId,
    ltp,
    change: null,
    changePct: null,
    prevClose: 101.1,
    oi: 5000,
    prevOi: 4000,
    oiChange: 1000,
    volume: 750,
    bidPrice: 99.95,
    bidQty: 150,
    askPrice: 100.05,
    askQty: 75,
    iv: 12.345,
    delta: 0.5,
    gamma: 0.001,
    theta: -5,
    vega: 10,
    brokerIv: null,
    brokerDelta: null,
    brokerGamma: null,
    brokerTheta: null,
    brokerVega: null,
    buildUp: null,
    source: 'feed',
    updatedAtMs: 1_000,
    ...extra,
  };
}

export function connection(id: number, packets: number, state: ConnectionDiagnostics['state'] = 'open'): ConnectionDiagnostics {
  return { id, state, subscribed: 100, packets, lastPacketAtMs: null, lastDisconnect: null, reconnectAttempts: 0, nextRetryAtMs: null, url: 'ws://127.0.0.1:1/?token=[REDACTED]' };
}

export function feed(connections: ConnectionDiagnostics[], extra: Partial<FeedSummary> = {}): FeedSummary {
  return {
    state: 'live',
    marketOpen: true,
    connections,
    packetsTotal: connections.reduce((sum, c) => sum + c.packets, 0),
    packetsPerSec: 0,
    ticksPerSec: 0,
    lastPacketAgeMs: null,
    decodeErrorsTotal: 0,
    decodeErrors: {},
    lastDisconnectCode: null,
    decoding: 'webassembly',
    decodingSlowerBecause: null,
    ...extra,
  };
}

/** A healthy run: two strikes of NIFTY, one feed connection with 40 packets, 25 of them in the watch. */
export function healthyFacts(extra: Partial<DoctorFacts> = {}): DoctorFacts {
  return {
    mode: 'live',
    credentials: {
      source: 'env',
      status: 'ok',
      clientIdMasked: '11••••89',
      tokenExpiresAtMs: 2_000_000,
      checkedAtMs: 1_000,
      message: 'Credentials are valid and the Data API plan is active.',
      remedy: '',
      keychainAvailable: true,
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
      bytes: 4096,
      loadedAtMs: 1_000,
      warning: null,
    },
    skeleton: { underlyings: 1, expiries: 2, strikes: 40, tokens: 80 },
    feed: feed([connection(1, 40)]),
    subscribed: 83,
    watch: { seconds: 5, packetsBefore: 15 },
    chain: {
      underlying: 'NIFTY',
      expiry: '2026-12-01',
      spot: 25000.126,
      rows: [
        { strike: 24950, ce: side(101, 120.3000030517578), pe: side(102, 70.05, { iv: null, source: 'rest' }) },
        { strike: 25000, ce: side(103, null, { bidPrice: null, bidQty: null, source: null }), pe: null },
      ],
    },
    problems: [],
    doctorProblems: [],
    ...extra,
  };
}
