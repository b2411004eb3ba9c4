/**
 * The instrument master, once per trading day: download DhanHQ's scrip master CSV (streamed
 * straight into the parser), keep the index-option rows, cache them on disk with the trading
 * day, and use today's cache instead of downloading again. When a download fails, the newest
 * cache is used with a visible warning; with no cache at all, the failure is loud.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { InstrumentMasterStatus } from '../../shared/api/view-types';
import { AppError, isAppError, problemOf, type AppProblem } from '../../shared/errors/app-error';
import type { IsoDate } from '../../shared/model/instruments';
import type { InstrumentMasterData, UnderlyingConfig } from '../../shared/model/master-data';
import type { Clock, Scheduler } from '../../shared/util/clock';
import type { Logger } from '../logging/logger';
import type { MarketHours } from './market-hours';
import { readMasterCache, writeMasterCache, type MasterCacheEntry } from './master-cache';
import type { FetchFunction } from './rest-client';
import { parseScripMaster, type ScripMasterParseResult } from './scrip-master-parser';

export interface MasterProgress {
  /** Bytes downloaded so far. */
  readonly bytes: number;
  /** From Content-Length; null when the server does not say. */
  readonly totalBytes: number | null;
  /** Data rows parsed so far. */
  readonly rows: number;
}

export interface InstrumentMasterOptions {
  /** The CSV (DHAN_SCRIP_MASTER_URL); public, no credentials. */
  readonly url: string;
  /** Where the parsed cache lives (the app's data dir). */
  readonly cacheDir: string;
  readonly underlyings: readonly UnderlyingConfig[];
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  /** Decides the trading day a download belongs to (see createMarketHours). */
  readonly marketHours: Pick<MarketHours, 'tradingDayOf'>;
  /** Default: globalThis.fetch. */
  readonly fetch?: FetchFunction;
  /** Download and parse progress, after every chunk and every 10 000 rows. */
  readonly onProgress?: (progress: MasterProgress) => void;
  /** A download that delivers no byte for this long is abandoned. Default 30 000 ms. */
  readonly idleTimeoutMs?: number;
}

export interface InstrumentMasterLoad {
  readonly data: InstrumentMasterData;
  readonly status: InstrumentMasterStatus;
  /** Rejected rows by reason (see RejectReason). */
  readonly rejectReasons: Readonly<Record<string, number>>;
  /** MASTER_STALE_CACHE and MASTER_ROWS_REJECTED when they apply; shown to the user. */
  readonly problems: readonly AppProblem[];
}

export class InstrumentMaster {
  private current: InstrumentMasterStatus;
  private inFlight: Promise<InstrumentMasterLoad> | null = null;
  private readonly fetchFn: FetchFunction;
  /** The download in flight, aborted by close(). */
  private downloading: AbortController | null = null;
  private closed = false;

  constructor(private readonly options: InstrumentMasterOptions) {
    this.fetchFn = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
    this.current = {
      state: 'not-loaded',
      source: null,
      date: null,
      url: options.url,
      rowsRead: 0,
      rowsKept: 0,
      rowsRejected: 0,
      bytes: 0,
      loadedAtMs: null,
      warning: null,
    };
  }

  status(): InstrumentMasterStatus {
    return this.current;
  }

  /**
   * Aborts a download in flight and refuses new ones (on shutdown): load() then fails at once
   * instead of waiting for the idle timeout.
   */
  close(): void {
    this.closed = true;
    this.downloading?.abort();
  }

  /**
   * Today's cache when there is one (unless `force`), else a fresh download. Rejects with
   * MASTER_DOWNLOAD_FAILED or MASTER_BAD_HEADER only when no cache can stand in. A call made
   * while a load is running joins it rather than downloading twice.
   */
  load(request: { readonly force?: boolean } = {}): Promise<InstrumentMasterLoad> {
    if (this.inFlight === null) {
      this.inFlight = this.loadOnce(request).finally(() => {
        this.inFlight = null;
      });
    }
    return this.inFlight;
  }

  private async loadOnce(request: { readonly force?: boolean }): Promise<InstrumentMasterLoad> {
    const { clock, logger } = this.options;
    const today = this.options.marketHours.tradingDayOf(clock.nowMs());
    this.current = { ...this.current, state: 'loading', rowsRead: 0, bytes: 0, warning: null };
    const cached = await readMasterCache(this.options.cacheDir);
    if (cached.entry === null && cached.problem !== null)
      logger.warn({ problem: cached.problem }, 'instrument master cache ignored');
    // A cache written from another URL (the simulator's, say) is not a copy of this file.
    const cache = cached.entry !== null && cached.entry.url === this.options.url ? cached.entry : null;
    if (!request.force && cache !== null && cache.date === today && this.covers(cache)) {
      logger.info({ date: cache.date, rows: cache.rowsKept }, "instrument master from today's cache");
      return this.finish(cache, 'cache', null);
    }
    try {
      const entry = await this.download(today);
      await this.save(entry);
      return this.finish(entry, 'download', null);
    } catch (error) {
      const failure = asMasterError(error);
      logger.error({ code: failure.code, url: this.options.url }, failure.message);
      if (cache === null) {
        this.current = { ...this.current, state: 'failed', source: null, warning: failure.message };
        throw failure;
      }
      const stale = cache.date !== today;
      const warning = stale
        ? `Today's instrument master could not be loaded (${failure.message}); using the copy from ${cache.date}.`
        : null;
      return this.finish(cache, stale ? 'stale-cache' : 'cache', warning);
    }
  }

  private covers(cache: MasterCacheEntry): boolean {
    const have = new Set(cache.underlyings);
    return this.options.underlyings.every((u) => have.has(u.symbol.toUpperCase()));
  }

  private async download(today: IsoDate): Promise<MasterCacheEntry> {
    const { clock, scheduler, url } = this.options;
    const idleMs = this.options.idleTimeoutMs ?? 30_000;
    if (this.closed) throw new AppError('MASTER_DOWNLOAD_FAILED', 'The instrument master was not downloaded: the app is closing');
    const controller = new AbortController();
    this.downloading = controller;
    let idle = scheduler.setTimeout(() => controller.abort(), idleMs);
    const touch = (): void => {
      scheduler.clearTimeout(idle);
      idle = scheduler.setTimeout(() => controller.abort(), idleMs);
    };
    const startedAtMs = clock.nowMs();
    try {
      const response = await this.fetchFn(url, { method: 'GET', signal: controller.signal });
      if (!response.ok || response.body === null) {
        throw new AppError(
          'MASTER_DOWNLOAD_FAILED',
          `The instrument master download answered HTTP ${response.status}`,
          { httpStatus: response.status },
        );
      }
      const length = Number(response.headers.get('content-length'));
      const totalBytes = Number.isFinite(length) && length > 0 ? length : null;
      let progress: MasterProgress = { bytes: 0, totalBytes, rows: 0 };
      const report = (change: Partial<MasterProgress>): void => {
        progress = { ...progress, ...change };
        this.current = { ...this.current, bytes: progress.bytes, rowsRead: progress.rows };
        this.options.onProgress?.(progress);
      };
      const source = Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>);
      const parsed = await parseScripMaster(source, {
        underlyings: this.options.underlyings,
        onBytes: (bytes) => {
          touch();
          report({ bytes });
        },
        onRows: (rows) => report({ rows }),
      });
      this.options.logger.info(
        {
          format: parsed.format,
          bytes: parsed.bytes,
          rows: parsed.rowsRead,
          kept: parsed.rowsKept,
          rejected: parsed.rowsRejected,
          ms: clock.nowMs() - startedAtMs,
        },
        'instrument master downloaded',
      );
      return this.entryOf(parsed, today);
    } catch (error) {
      if (controller.signal.aborted) {
        throw new AppError(
          'MASTER_DOWNLOAD_FAILED',
          `The instrument master download stalled: no data for ${idleMs} ms`,
          {},
          { cause: error },
        );
      }
      throw error;
    } finally {
      scheduler.clearTimeout(idle);
      if (this.downloading === controller) this.downloading = null;
    }
  }

  private entryOf(parsed: ScripMasterParseResult, today: IsoDate): MasterCacheEntry {
    if (parsed.data.options.length === 0) {
      // A truncated or foreign file must not replace a good cache.
      throw new AppError(
        'MASTER_EMPTY',
        `The downloaded file (${parsed.rowsRead} rows) lists no index options of the configured underlyings`,
        {
          rowsRead: parsed.rowsRead,
        },
      );
    }
    return {
      date: today,
      downloadedAtMs: this.options.clock.nowMs(),
      url: this.options.url,
      underlyings: this.options.underlyings.map((u) => u.symbol.toUpperCase()),
      format: parsed.format,
      bytes: parsed.bytes,
      rowsRead: parsed.rowsRead,
      rowsKept: parsed.rowsKept,
      rowsRejected: parsed.rowsRejected,
      rejectReasons: parsed.rejectReasons as Record<string, number>,
      data: parsed.data,
    };
  }

  private async save(entry: MasterCacheEntry): Promise<void> {
    try {
      await writeMasterCache(this.options.cacheDir, entry);
    } catch (error) {
      // The data is good; only tomorrow's fallback is at risk. Say so, keep going.
      this.options.logger.warn(
        { error: (error as Error).message, cacheDir: this.options.cacheDir },
        'instrument master cache not written',
      );
    }
  }

  private finish(
    entry: MasterCacheEntry,
    source: 'download' | 'cache' | 'stale-cache',
    warning: string | null,
  ): InstrumentMasterLoad {
    const now = this.options.clock.nowMs();
    const problems: AppProblem[] = [];
    if (source === 'stale-cache') problems.push(problemOf('MASTER_STALE_CACHE', warning ?? undefined, now));
    if (entry.rowsRejected > 0) {
      const reasons = Object.entries(entry.rejectReasons)
        .map(([reason, count]) => `${reason} ${count}`)
        .join(', ');
      problems.push(
        problemOf(
          'MASTER_ROWS_REJECTED',
          `${entry.rowsRejected} malformed rows were skipped (${reasons})`,
          now,
        ),
      );
    }
    this.current = {
      state: 'loaded',
      source,
      date: entry.date,
      url: this.options.url,
      rowsRead: entry.rowsRead,
      rowsKept: entry.rowsKept,
      rowsRejected: entry.rowsRejected,
      bytes: entry.bytes,
      loadedAtMs: now,
      warning,
    };
    return { data: entry.data, status: this.current, rejectReasons: entry.rejectReasons, problems };
  }
}

function asMasterError(error: unknown): AppError {
  if (
    isAppError(error) &&
    (error.code === 'MASTER_BAD_HEADER' ||
      error.code === 'MASTER_DOWNLOAD_FAILED' ||
      error.code === 'MASTER_EMPTY')
  )
    return error;
  const reason =
    error instanceof Error
      ? error.cause instanceof Error
        ? `${error.message} (${error.cause.message})`
        : error.message
      : String(error);
  return new AppError(
    'MASTER_DOWNLOAD_FAILED',
    `The instrument master could not be downloaded: ${reason}`,
    {},
    { cause: error },
  );
}
