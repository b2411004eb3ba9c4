/**
 * Records the live feed to a file (docs/recording-format.md): every binary frame as received,
 * with its arrival time, after a header naming the protocol and the subscribed instruments.
 * The simulator replays such files. Writing never blocks the feed: frames are appended to a
 * write stream, and if the disk cannot keep up, frames are counted as dropped, not queued
 * without bound.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordingStatus } from '../../shared/api/view-types';
import { AppError } from '../../shared/errors/app-error';
import { encodePreamble, encodeRecordHeader, recordingHeader, type RecordedInstrument } from '../../shared/feed/recording-format';
import type { Clock } from '../../shared/util/clock';
import type { Logger } from '../logging/logger';
import type { FrameSink } from './feed-ingest';

/** What the recorder needs from the engine. */
export interface RecordingSource {
  setFrameRecorder(sink: FrameSink | null): void;
  recordedInstruments(): RecordedInstrument[];
}

export interface FeedRecorderOptions {
  readonly dir: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Frames are dropped (and counted) while this many bytes wait for the disk. Default 64 MiB. */
  readonly maxPendingBytes?: number;
}

interface Active {
  readonly stream: WriteStream;
  readonly path: string;
  frames: number;
  bytes: number;
  dropped: number;
  failure: Error | null;
}

export class FeedRecorder {
  private active: Active | null = null;
  private last: RecordingStatus = { recording: false, path: null, frames: 0, bytes: 0 };

  constructor(private readonly options: FeedRecorderOptions) {}

  status(): RecordingStatus {
    const a = this.active;
    return a ? { recording: true, path: a.path, frames: a.frames, bytes: a.bytes } : this.last;
  }

  async start(source: RecordingSource): Promise<RecordingStatus> {
    if (this.active) return this.status();
    const { clock, logger } = this.options;
    const now = clock.nowMs();
    const path = join(this.options.dir, `chainlens-feed-${new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}.clfeed`);
    try {
      await mkdir(this.options.dir, { recursive: true });
      const stream = createWriteStream(path);
      await new Promise<void>((resolve, reject) => {
        stream.once('open', () => resolve());
        stream.once('error', reject);
      });
      const active: Active = { stream, path, frames: 0, bytes: 0, dropped: 0, failure: null };
      stream.on('error', (error: Error) => {
        active.failure = error;
        logger.error({ err: error, path }, 'feed recording write failed');
      });
      const preamble = encodePreamble(recordingHeader({ createdAtMs: now, source: 'chainlens', instruments: source.recordedInstruments() }));
      stream.write(preamble);
      active.bytes += preamble.length;
      this.active = active;
      source.setFrameRecorder({ write: (frame, receivedAtMs) => this.append(frame, receivedAtMs) });
      logger.info({ path }, 'feed recording started');
      return this.status();
    } catch (error) {
      throw new AppError('RECORDING_FAILED', `The recording file could not be created: ${(error as Error).message}`, { path }, { cause: error });
    }
  }

  async stop(source: RecordingSource): Promise<RecordingStatus> {
    const a = this.active;
    if (!a) return this.status();
    source.setFrameRecorder(null);
    this.active = null;
    await new Promise<void>((resolve) => a.stream.end(() => resolve()));
    this.last = { recording: false, path: a.path, frames: a.frames, bytes: a.bytes };
    this.options.logger.info({ path: a.path, frames: a.frames, bytes: a.bytes, dropped: a.dropped }, 'feed recording stopped');
    if (a.failure) throw new AppError('RECORDING_FAILED', `The recording is incomplete: ${a.failure.message}`, { path: a.path });
    return this.last;
  }

  private append(frame: Uint8Array, receivedAtMs: number): void {
    const a = this.active;
    if (!a || a.failure) return;
    if (a.stream.writableLength > (this.options.maxPendingBytes ?? 64 * 1024 * 1024)) {
      a.dropped++;
      if (a.dropped === 1 || a.dropped % 10_000 === 0) this.options.logger.warn({ dropped: a.dropped }, 'feed recording cannot keep up: frames dropped');
      return;
    }
    const record = new Uint8Array(16 + frame.byteLength);
    record.set(encodeRecordHeader(frame.byteLength, receivedAtMs), 0);
    record.set(frame, 16);
    a.stream.write(record);
    a.frames++;
    a.bytes += record.length;
  }
}
