/**
 * Where binary feed frames enter the engine: each frame is stamped with its receive time,
 * optionally written raw to a recording, then walked packet by packet into the QuoteCache and
 * the TickLog. Nothing thrown in here may reach the socket: errors are counted and logged.
 */
import type { QuoteCache } from '../../shared/cache/quote-cache';
import type { TickLog } from '../../shared/cache/tick-log';
import { frameView, walkFrame, type CodecErrorCode, type FeedFrameVisitor } from '../../shared/feed/feed-decoder';
import type { Clock } from '../../shared/util/clock';
import type { Logger } from '../logging/logger';

/** Receives every raw frame while a recording is running. */
export interface FrameSink {
  write(frame: Uint8Array, receivedAtMs: number): void;
}

export class FeedIngest implements FeedFrameVisitor {
  private frameTimeMs = 0;
  private recorder: FrameSink | null = null;
  /** Frames whose processing threw (a bug): counted, logged, never propagated. */
  ingestErrors = 0;
  framesReceived = 0;
  packetsDelivered = 0;

  constructor(
    private readonly cache: QuoteCache,
    private readonly tickLog: TickLog,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  setRecorder(recorder: FrameSink | null): void {
    this.recorder = recorder;
  }

  /** The FeedPool's onFrame callback. */
  readonly onFrame = (bytes: Uint8Array): void => {
    this.framesReceived++;
    const now = this.clock.nowMs();
    this.frameTimeMs = now;
    this.cache.setFrameTime(now);
    try {
      this.recorder?.write(bytes, now);
      this.packetsDelivered += walkFrame(frameView(bytes), this);
    } catch (error) {
      this.ingestErrors++;
      if (this.ingestErrors <= 10 || this.ingestErrors % 1000 === 0) {
        this.logger.error({ err: error, count: this.ingestErrors }, 'feed frame processing failed');
      }
    }
  };

  packet(code: number, segment: number, securityId: number, view: DataView, offset: number, length: number): void {
    this.cache.packet(code, segment, securityId, view, offset);
    this.tickLog.record(this.frameTimeMs, code, segment, securityId, view, offset);
    void length;
  }

  reject(error: CodecErrorCode, offset: number, code: number, declaredLength: number): void {
    this.cache.reject(error);
    const total = Object.values(this.cache.counters.rejected).reduce((a, b) => a + b, 0);
    if (total <= 10 || total % 1000 === 0) {
      this.logger.warn({ code: error, offset, packetCode: code, declaredLength, total }, 'feed packet rejected');
    }
  }
}
