/**
 * The simulator's public surface: start options, the handle, and the read-only market view
 * tests use to check what the client shows against what the market holds.
 */
import type { Clock, Scheduler } from '../shared/util/clock';
import type { ExchangeSegmentName } from '../shared/model/instruments';
import type { FaultControl } from './faults/fault-types';
import type { FeedLimits, FeedStats } from './feed/feed-hub';
import type { ScripMasterFormat } from './instruments/scrip-master';
import type { MarketHoursMode } from './market/market-hours';
import type { LttConvention } from './market/packet-writer';
import type { PacingAnswer } from './rest/rest-router';
import type { RestCounters } from './rest/rest-router';
import type { SimLogger } from './util/sim-logger';

export interface SimulatorOptions {
  /** Seed for the universe, ids, prices and tick order. Default 1. */
  readonly seed?: number | string;
  /** TCP port; 0 (default) picks a free one. */
  readonly port?: number;
  /** Loopback only: '127.0.0.1' (default) is the one accepted value. */
  readonly host?: string;
  /** Default: the wall clock. Inject a ManualClock for deterministic runs. */
  readonly clock?: Clock;
  /** Default: Node timers (unref'd). Inject a ManualScheduler for deterministic runs. */
  readonly scheduler?: Scheduler;
  /** 'always-open' (default) trades around the clock; 'ist' follows 09:15–15:30 IST, Mon–Fri. */
  readonly marketHours?: MarketHoursMode;
  /** Instrument ticks per second across all subscribed instruments. Default 300 (calm); tens of thousands for stress. */
  readonly ticksPerSecond?: number;
  /** Milliseconds between market steps (each step sends one batch). Default 50. */
  readonly stepMs?: number;
  /** Which file `scripMasterUrl` points at. Default 'detailed'. Both are always served. */
  readonly scripMasterFormat?: ScripMasterFormat;
  /** Non-index filler rows appended to the scrip master (200 000+ for a live-size file). Default 0. */
  readonly scripMasterFillerRows?: number;
  /** Default: a demo JWT issued now, valid 24 h, carrying `exp` and `dhanClientId`. */
  readonly accessToken?: string;
  /** Default '1100000001'. */
  readonly clientId?: string;
  /** The IST trading date the universe is listed for (YYYY-MM-DD). Default: today in IST by the clock. */
  readonly tradingDate?: string;
  /** Replay this recording to feed clients instead of generated ticks. */
  readonly replayFile?: string;
  /** Replay speed: 1 (default) = as recorded, 10 = ten times faster, Infinity = as fast as possible. */
  readonly replaySpeed?: number;
  /** Omit `security_id` and `average_price` from the chain, like the January 2025 server. Default false. */
  readonly legacyChainFields?: boolean;
  /** Option-chain pacing window. Default 3000 ms; 0 disables. */
  readonly pacingMs?: number;
  /** How a pacing violation is answered: 'dh-904' (default, HTTP 429) or 'data-805' (HTTP 429, data envelope). */
  readonly pacingAnswer?: PacingAnswer;
  /** LTT stamping; default 'ist-wall-clock' (IST wall clock written as if UTC, as DhanHQ reportedly does). */
  readonly lttConvention?: LttConvention;
  /** Multiplies strikes per side; 1 (default) ≈ 20 000 index options, 1.3 ≈ 26 000. */
  readonly strikeRangeScale?: number;
  /** Multiplies the indices' random-walk volatility. Default 1. */
  readonly walkVolScale?: number;
  /** Overrides of DhanHQ's feed limits and keep-alive timings. */
  readonly feedLimits?: Partial<FeedLimits>;
  /** Default: silent. The token never reaches it. */
  readonly logger?: SimLogger;
}

export interface SimQuote {
  readonly segment: ExchangeSegmentName;
  readonly securityId: number;
  readonly kind: 'index' | 'future' | 'call' | 'put';
  readonly ltp: number;
  readonly bid: number;
  readonly ask: number;
  readonly bidQty: number;
  readonly askQty: number;
  readonly atp: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly prevClose: number;
  readonly volume: number;
  readonly oi: number;
  readonly prevOi: number;
  /** True UTC epoch seconds of the last trade. */
  readonly lastTradeEpochS: number;
  readonly tradeCount: number;
}

export interface SimStrike {
  readonly strike: number;
  readonly ceSecurityId: number;
  readonly peSecurityId: number;
}

export interface SimExpiryListing {
  readonly expiry: string;
  readonly flag: 'W' | 'M';
  readonly strikes: readonly SimStrike[];
}

export interface SimUnderlyingListing {
  readonly symbol: string;
  readonly spotSecurityId: number;
  readonly derivativeSegment: ExchangeSegmentName;
  readonly lotSize: number;
  readonly futures: readonly { readonly securityId: number; readonly expiry: string }[];
  readonly expiries: readonly SimExpiryListing[];
}

export interface SimSkeleton {
  readonly tradingDate: string;
  readonly underlyings: readonly SimUnderlyingListing[];
  readonly counts: { readonly underlyings: number; readonly expiries: number; readonly strikes: number; readonly options: number; readonly futures: number };
}

export interface SimStats {
  readonly feed: FeedStats;
  readonly rest: Readonly<RestCounters>;
  readonly market: { readonly steps: number; readonly ticks: number; readonly open: boolean };
}

/** Read access to the simulated market, for tests. */
export interface MarketView {
  /** The instrument's current state, or null for an id the simulator does not list. */
  quote(segment: ExchangeSegmentName, securityId: number): SimQuote | null;
  /** The index level of an underlying by symbol (e.g. 'NIFTY'), or null. */
  spot(symbol: string): number | null;
  skeleton(): SimSkeleton;
  stats(): SimStats;
  isOpen(): boolean;
}

export interface SimulatorHandle {
  /** e.g. http://127.0.0.1:PORT/v2 */
  readonly apiUrl: string;
  /** e.g. ws://127.0.0.1:PORT/ (append ?version=2&token=…&clientId=…&authType=2). */
  readonly feedUrl: string;
  readonly scripMasterUrl: string;
  /** e.g. http://127.0.0.1:PORT/control (POST /control/fault, POST /control/reset, GET /control/state). */
  readonly controlUrl: string;
  readonly port: number;
  readonly clientId: string;
  /** The currently valid token (changes after setValidToken / renewToken). */
  readonly accessToken: string;
  /** DHAN_API_URL, DHAN_FEED_URL, DHAN_SCRIP_MASTER_URL, DHAN_CLIENT_ID, DHAN_ACCESS_TOKEN. */
  env(): Record<string, string>;
  readonly faults: FaultControl;
  readonly market: MarketView;
  /** Runs one market step at the clock's current time, without waiting for the scheduler. */
  step(): void;
  /** Closes sockets, servers and timers; never waits on a client. Safe to call twice. */
  close(): Promise<void>;
}
