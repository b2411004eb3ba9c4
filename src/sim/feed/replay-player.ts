/**
 * Plays a recording to one connection instead of generated prices: each frame is sent as it
 * was recorded, at its recorded offset from the first frame divided by `speed`, starting when
 * the connection first subscribes. Frames are filtered by the connection's subscriptions (a
 * frame goes out if any packet in it addresses a subscribed instrument, or addresses none, like
 * a disconnect packet). When the recording ends the connection goes quiet.
 */
import { instrumentKey } from '../../shared/feed/exchange-segment';
import { HEADER } from '../../shared/feed/feed-layout';
import type { Clock, Scheduler, TimerHandle } from '../../shared/util/clock';
import type { RecordedFrame } from '../../shared/feed/recording-format';

export interface ReplayTarget {
  readonly keys: ReadonlyMap<number, number>;
  readonly isOpen: boolean;
  sendFrame(frame: Uint8Array, packets: number): void;
}

/** Frames sent per timer turn when replaying as fast as possible, so the event loop keeps breathing. */
const BURST = 512;

export class ReplayPlayer {
  private next = 0;
  private timer: TimerHandle | null = null;
  private startMs = 0;
  framesSent = 0;
  framesSkipped = 0;

  constructor(
    private readonly frames: readonly RecordedFrame[],
    private readonly target: ReplayTarget,
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
    /** 1 = real time, 10 = ten times faster, Infinity = as fast as possible. */
    private readonly speed: number,
  ) {}

  get finished(): boolean {
    return this.next >= this.frames.length;
  }

  start(): void {
    this.startMs = this.clock.nowMs();
    this.schedule();
  }

  stop(): void {
    this.scheduler.clearTimeout(this.timer);
    this.timer = null;
  }

  private dueMs(index: number): number {
    const first = this.frames[0]?.arrivalMs ?? 0;
    const offset = (this.frames[index]?.arrivalMs ?? first) - first;
    return Number.isFinite(this.speed) ? this.startMs + offset / this.speed : this.startMs;
  }

  private schedule(): void {
    this.timer = null;
    if (this.finished || !this.target.isOpen) return;
    const delay = Math.max(0, this.dueMs(this.next) - this.clock.nowMs());
    this.timer = this.scheduler.setTimeout(() => this.play(), delay);
  }

  private play(): void {
    const now = this.clock.nowMs();
    let sent = 0;
    while (!this.finished && this.dueMs(this.next) <= now && sent < BURST && this.target.isOpen) {
      const frame = this.frames[this.next++]!;
      const packets = this.matchingPackets(frame.bytes);
      if (packets < 0) {
        this.framesSkipped++;
        continue;
      }
      this.target.sendFrame(frame.bytes, packets);
      this.framesSent++;
      sent++;
    }
    this.schedule();
  }

  /** Packets in the frame when it should be sent, or -1 when none addresses a subscription. */
  private matchingPackets(bytes: Uint8Array): number {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let at = 0;
    let packets = 0;
    let relevant = false;
    while (bytes.byteLength - at >= HEADER.BYTES) {
      const length = view.getUint16(at + HEADER.LENGTH, true);
      const segment = view.getUint8(at + HEADER.SEGMENT);
      const securityId = view.getUint32(at + HEADER.SECURITY_ID, true);
      packets++;
      if (securityId === 0 || this.target.keys.has(instrumentKey(segment, securityId))) relevant = true;
      if (length < HEADER.BYTES) break; // a malformed recorded packet: keep the frame as it was recorded
      at += length;
    }
    if (packets === 0) return 1; // shorter than a header: replay as recorded
    return relevant ? packets : -1;
  }
}
