/**
 * Where binary feed frames enter the engine: each frame is stamped with its receive time,
 * optionally written raw to a recording, then applied to the QuoteCache (QuoteCache.applyFrame),
 * which also records each packet in the tick log's ring (the TickLog moves into the cache's
 * memory here). Nothing thrown in here may reach the socket: errors are counted and logged.
 *
 * DhanHQ sends one packet per WebSocket frame, so per-frame work is per-tick work, and this is
 * the hottest path in the engine. Three things keep it allocation-free and cheap:
 * - the cache copies each frame into its own memory and walks it there, so nothing here asks a
 *   frame for its buffer or offset (on V8 those accessors cost more than decoding a ticker);
 *   a frame is walked again here only when the cache rejected one of its packets, to log it;
 * - the frames of one socket read arrive in one synchronous burst: they share its receive time
 *   (the clock is read once per event-loop turn), and the cache stages them (stageFrame) and
 *   applies them in one pass at the end of the burst, in a microtask, so the records, the batch
 *   queue and the tick log show every frame before anything else runs;
 * - a frame the cache will not stage (anything but one stored packet) is applied at once,
 *   after the frames staged before it.
 */
import type { QuoteCache } from '../../shared/cache/quote-cache';
import type { TickLog } from '../../shared/cache/tick-log';
import { frameView, walkFrame, type CodecErrorCode, type FeedFrameVisitor } from '../../shared/feed/feed-decoder';
import type { Clock } from '../../shared/util/clock';
import type { Logger } from '../logging/logger';
import { TurnClock } from '../util/turn-clock';

/** Receives every raw frame while a recording is running. */
export interface FrameSink {
  write(frame: Uint8Array, receivedAtMs: number): void;
}

export class FeedIngest {
  private frameTimeMs = Number.NaN;
  private readonly turnClock: TurnClock;
  private rejectedTotal = 0;
  private recorder: FrameSink | null = null;
  /** True while a microtask to apply the staged frames is queued. */
  private applyQueued = false;
  /** Frames whose processing threw (a bug): counted, logged, never propagated. */
  ingestErrors = 0;
  framesReceived = 0;
  packetsDelivered = 0;

  /**
   * @param cache made with `tickLogCapacity` equal to the tick log's capacity: the tick log moves
   *   into the cache's ring, carrying its entries and count along.
   */
  constructor(
    private readonly cache: QuoteCache,
    tickLog: TickLog,
    clock: Clock,
    private readonly logger: Logger,
  ) {
    this.turnClock = new TurnClock(clock);
    if (cache.tickRing === null) throw new RangeError('the quote cache keeps no tick log (QuoteCacheOptions.tickLogCapacity)');
    tickLog.moveTo(cache.tickRing);
  }

  setRecorder(recorder: FrameSink | null): void {
    this.recorder = recorder;
  }

  /**
   * The FeedPool's onFrame callback. Frames handled in the same event-loop turn (one socket
   * read) share one receive time, read from the clock at the first of them.
   */
  readonly onFrame = (bytes: Uint8Array): void => {
    this.framesReceived++;
    const now = this.turnClock.nowMs();
    if (now !== this.frameTimeMs) {
      this.frameTimeMs = now;
      this.cache.setFrameTime(now);
    }
    try {
      this.recorder?.write(bytes, this.frameTimeMs);
      if (this.cache.stageFrame(bytes)) {
        if (!this.applyQueued) {
          this.applyQueued = true;
          queueMicrotask(this.applyStaged);
        }
        return;
      }
      const rejectedBefore = this.cache.rejectedTotal;
      this.packetsDelivered += this.cache.applyFrame(bytes);
      if (this.cache.rejectedTotal !== rejectedBefore) this.logRejections(bytes);
    } catch (error) {
      this.failed(error);
    }
  };

  /** Applies the frames the cache staged in this turn (queued by `onFrame`; callable any time). */
  readonly applyStaged = (): void => {
    this.applyQueued = false;
    try {
      this.packetsDelivered += this.cache.applyStaged();
    } catch (error) {
      this.failed(error);
    }
  };

  private failed(error: unknown): void {
    this.ingestErrors++;
    if (this.ingestErrors <= 10 || this.ingestErrors % 1000 === 0) {
      this.logger.error({ err: error, count: this.ingestErrors }, 'feed frame processing failed');
    }
  }

  /** Walks a frame the cache rejected packets of, to log each: the first ten and every thousandth. */
  private logRejections(bytes: Uint8Array): void {
    const logRejection: FeedFrameVisitor = {
      packet: () => undefined,
      reject: (error: CodecErrorCode, offset: number, code: number, declaredLength: number) => {
        const total = ++this.rejectedTotal;
        if (total <= 10 || total % 1000 === 0) {
          this.logger.warn({ code: error, offset, packetCode: code, declaredLength, total }, 'feed packet rejected');
        }
      },
    };
    walkFrame(frameView(bytes), logRejection);
  }
}
