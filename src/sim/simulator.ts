/**
 * Composes the simulated DhanHQ from its parts and starts it on one loopback port.
 */
import { AppError } from '../shared/errors/app-error';
import { EXCHANGE_SEGMENT_CODE } from '../shared/feed/exchange-segment';
import type { ExchangeSegmentName } from '../shared/model/instruments';
import { DEMO_CLIENT_ID, makeDemoToken } from './auth/demo-token';
import { TokenRegistry } from './auth/token-registry';
import { ControlEndpoint } from './control/control-endpoint';
import { FaultController } from './faults/fault-controller';
import { DEFAULT_FEED_LIMITS, FeedHub, type FeedLimits } from './feed/feed-hub';
import { TickLoop } from './feed/tick-loop';
import { SCRIP_MASTER_PATHS, SimHttpServer } from './http/sim-http-server';
import { scripMasterCsv, type ScripMasterFormat } from './instruments/scrip-master';
import { buildUniverse, findInstrument, type Universe } from './instruments/universe';
import { MarketHours } from './market/market-hours';
import { MarketState } from './market/market-state';
import { PacketWriter } from './market/packet-writer';
import { TickSelector } from './market/tick-selector';
import { readRecordingFile } from './recording/recording-reader';
import { RequestPacer } from './rest/request-pacer';
import { RestRouter } from './rest/rest-router';
import type { MarketView, SimQuote, SimSkeleton, SimulatorHandle, SimulatorOptions } from './simulator-types';
import { isIsoDate, istParts } from './util/ist-time';
import { seedFrom } from './util/prng';
import { createRealClock, createRealScheduler } from './util/real-time';
import { silentLogger } from './util/sim-logger';

const LOOPBACK_HOST = '127.0.0.1';

function invalid(message: string, context: Record<string, string | number | boolean | null> = {}): AppError {
  return new AppError('SIM_INVALID_OPTIONS', message, context);
}

function checkOptions(o: SimulatorOptions): void {
  if (o.host !== undefined && o.host !== LOOPBACK_HOST) throw invalid(`host must be ${LOOPBACK_HOST}`, { host: o.host });
  if (o.port !== undefined && (!Number.isInteger(o.port) || o.port < 0 || o.port > 65_535)) throw invalid('port must be 0..65535', { port: o.port });
  if (o.ticksPerSecond !== undefined && !(o.ticksPerSecond >= 0 && Number.isFinite(o.ticksPerSecond))) throw invalid('ticksPerSecond must be ≥ 0');
  if (o.stepMs !== undefined && !(o.stepMs >= 1 && Number.isFinite(o.stepMs))) throw invalid('stepMs must be ≥ 1');
  if (o.tradingDate !== undefined && !isIsoDate(o.tradingDate)) throw invalid('tradingDate must be YYYY-MM-DD', { tradingDate: o.tradingDate });
  if (o.replaySpeed !== undefined && !(o.replaySpeed > 0)) throw invalid('replaySpeed must be > 0');
  if (o.scripMasterFillerRows !== undefined && !(Number.isInteger(o.scripMasterFillerRows) && o.scripMasterFillerRows >= 0)) throw invalid('scripMasterFillerRows must be a whole number ≥ 0');
  if (o.strikeRangeScale !== undefined && !(o.strikeRangeScale > 0)) throw invalid('strikeRangeScale must be > 0');
  if (o.marketHours !== undefined && o.marketHours !== 'always-open' && o.marketHours !== 'ist') throw invalid('marketHours must be always-open or ist');
  if (o.scripMasterFormat !== undefined && o.scripMasterFormat !== 'detailed' && o.scripMasterFormat !== 'compact') throw invalid('scripMasterFormat must be detailed or compact');
  if (o.pacingMs !== undefined && !(o.pacingMs >= 0)) throw invalid('pacingMs must be ≥ 0');
  if (o.accessToken !== undefined && o.accessToken.length === 0) throw invalid('accessToken cannot be empty');
  if (o.clientId !== undefined && o.clientId.length === 0) throw invalid('clientId cannot be empty');
}

/**
 * Starts a simulated DhanHQ (REST, scrip master, live feed and control API) on 127.0.0.1.
 * Rejects with SIM_INVALID_OPTIONS, SIM_START_FAILED or RECORDING_UNREADABLE.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  checkOptions(options);
  const clock = options.clock ?? createRealClock();
  const scheduler = options.scheduler ?? createRealScheduler();
  const logger = options.logger ?? silentLogger;
  const seed = typeof options.seed === 'string' ? seedFrom(options.seed) : (options.seed ?? 1) >>> 0;
  const startMs = clock.nowMs();
  const tradingDate = options.tradingDate ?? istParts(startMs).date;
  const clientId = options.clientId ?? DEMO_CLIENT_ID;
  const recording = options.replayFile === undefined ? null : await readRecordingFile(options.replayFile);

  const universe = buildUniverse(seed, tradingDate, { strikeRangeScale: options.strikeRangeScale ?? 1 });
  const hours = new MarketHours(options.marketHours ?? 'always-open');
  const market = new MarketState(universe, { seed, startMs, hours, walkVolScale: options.walkVolScale ?? 1 });
  let tokenNonce = 0;
  const tokens = new TokenRegistry(options.accessToken ?? makeDemoToken(clientId, startMs), clock);
  const faults = new FaultController({ clock, scheduler, tokens, logger, issueToken: () => makeDemoToken(clientId, clock.nowMs(), ++tokenNonce) });
  const selector = new TickSelector(universe.instruments.length, market.activity);
  const limits: FeedLimits = { ...DEFAULT_FEED_LIMITS, ...options.feedLimits };
  const hub = new FeedHub({
    universe,
    market,
    writer: new PacketWriter(market, options.lttConvention ?? 'ist-wall-clock'),
    selector,
    faults,
    tokens,
    hours,
    clock,
    scheduler,
    logger,
    clientId,
    replay: recording === null ? null : { frames: recording.frames, speed: options.replaySpeed ?? 1 },
    limits,
  });
  const rest = new RestRouter({
    universe,
    market,
    tokens,
    faults,
    pacer: new RequestPacer(options.pacingMs ?? 3000),
    clock,
    logger,
    clientId,
    legacyChainFields: options.legacyChainFields ?? false,
    pacingAnswer: options.pacingAnswer ?? 'dh-904',
    isStreamed: (i) => hub.isSubscribed(i),
  });
  const loop = new TickLoop({ seed, ticksPerSecond: options.ticksPerSecond ?? 300, stepMs: options.stepMs ?? 50 }, market, selector, hub, hours, clock, scheduler);
  const statsOf = (): ReturnType<MarketView['stats']> => ({
    feed: hub.stats(),
    rest: { ...rest.counters },
    market: { steps: loop.steps, ticks: loop.ticks, open: hours.isOpen(clock.nowMs()) },
  });
  const control = new ControlEndpoint(faults, clock, statsOf);
  const masterCache = new Map<ScripMasterFormat, Buffer>();
  const fillerRows = options.scripMasterFillerRows ?? 0;
  const http = new SimHttpServer(
    {
      rest: (request) => rest.handle(request),
      scripMaster: (format) => {
        let bytes = masterCache.get(format);
        if (bytes === undefined) {
          bytes = Buffer.from(scripMasterCsv(universe, format, fillerRows), 'utf8');
          masterCache.set(format, bytes);
        }
        return bytes;
      },
      control: (method, path, remote, body) => control.handle(method, path, remote, body),
      upgrade: (request, socket, head) => hub.handleUpgrade(request, socket, head),
    },
    logger,
  );

  let port: number;
  try {
    port = await http.listen(options.port ?? 0, LOOPBACK_HOST);
  } catch (error) {
    loop.stop();
    hub.close();
    await http.close();
    throw error;
  }
  faults.attachFeed(hub);
  const base = `http://${LOOPBACK_HOST}:${port}`;
  const scripMasterUrl = `${base}${SCRIP_MASTER_PATHS[options.scripMasterFormat ?? 'detailed']}`;
  logger.info({ port, tradingDate, seed, instruments: universe.instruments.length, replay: recording !== null }, 'simulated DhanHQ listening');

  let closed: Promise<void> | null = null;
  const handle: SimulatorHandle = {
    apiUrl: `${base}/v2`,
    feedUrl: `ws://${LOOPBACK_HOST}:${port}/`,
    scripMasterUrl,
    controlUrl: `${base}/control`,
    port,
    clientId,
    get accessToken() {
      return tokens.token;
    },
    env() {
      return {
        DHAN_API_URL: handle.apiUrl,
        DHAN_FEED_URL: handle.feedUrl,
        DHAN_SCRIP_MASTER_URL: scripMasterUrl,
        DHAN_CLIENT_ID: clientId,
        DHAN_ACCESS_TOKEN: tokens.token,
      };
    },
    faults,
    market: marketView(universe, market, hours, clock, statsOf),
    step: () => loop.step(),
    close() {
      closed ??= (async () => {
        loop.stop();
        faults.dispose();
        hub.close();
        await http.close();
        logger.info({ port }, 'simulated DhanHQ closed');
      })();
      return closed;
    },
  };
  return handle;
}

function marketView(
  universe: Universe,
  market: MarketState,
  hours: MarketHours,
  clock: { nowMs(): number },
  stats: MarketView['stats'],
): MarketView {
  let skeleton: SimSkeleton | null = null;
  return {
    quote(segment: ExchangeSegmentName, securityId: number): SimQuote | null {
      const instrument = findInstrument(universe, EXCHANGE_SEGMENT_CODE[segment], securityId);
      if (instrument === null) return null;
      const i = instrument.index;
      return {
        segment,
        securityId,
        kind: instrument.kind,
        ltp: market.ltp[i]!,
        bid: market.bid[i]!,
        ask: market.ask[i]!,
        bidQty: market.bidQty[i]!,
        askQty: market.askQty[i]!,
        atp: market.atp[i]!,
        open: market.open[i]!,
        high: market.high[i]!,
        low: market.low[i]!,
        prevClose: market.prevClose[i]!,
        volume: market.volume[i]!,
        oi: market.oi[i]!,
        prevOi: market.prevOi[i]!,
        lastTradeEpochS: market.lastTradeS[i]!,
        tradeCount: market.tradeCount[i]!,
      };
    },
    spot(symbol: string): number | null {
      const u = universe.underlyings.find((x) => x.spec.symbol === symbol);
      return u === undefined ? null : (market.spot[u.position] ?? null);
    },
    skeleton(): SimSkeleton {
      skeleton ??= buildSkeleton(universe);
      return skeleton;
    },
    stats,
    isOpen: () => hours.isOpen(clock.nowMs()),
  };
}

function buildSkeleton(universe: Universe): SimSkeleton {
  const id = (i: number): number => universe.instruments[i]!.securityId;
  let expiries = 0;
  let strikes = 0;
  let futures = 0;
  const underlyings = universe.underlyings.map((u) => {
    expiries += u.expiries.length;
    futures += u.futures.length;
    return {
      symbol: u.spec.symbol,
      spotSecurityId: u.spec.spotSecurityId,
      derivativeSegment: u.spec.derivativeSegment,
      lotSize: u.spec.lotSize,
      futures: u.futures.map((f) => ({ securityId: id(f), expiry: universe.instruments[f]!.expiry })),
      expiries: u.expiries.map((e) => {
        strikes += e.strikes.length;
        return {
          expiry: e.date,
          flag: e.flag,
          strikes: e.strikes.map((strike, s) => ({ strike, ceSecurityId: id(e.calls[s]!), peSecurityId: id(e.puts[s]!) })),
        };
      }),
    };
  });
  return {
    tradingDate: universe.tradingDate,
    underlyings,
    counts: { underlyings: underlyings.length, expiries, strikes, options: strikes * 2, futures },
  };
}
