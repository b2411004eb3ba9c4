/**
 * The feed recording file format (docs/recording-format.md): raw binary feed frames with their
 * arrival times, after a small JSON header naming the protocol and the instruments. Pure: no
 * node:* imports, so the app's main process (or src/shared) can reuse it as is.
 *
 *   preamble  "CLFEED01" (8 ASCII bytes) · u32 LE header length · header JSON (UTF-8)
 *   record    u8 kind (1 = binary frame received) · 3 reserved zero bytes · u32 LE payload length
 *             · f64 LE arrival time (epoch ms) · payload
 */
import { AppError } from '../../shared/errors/app-error';
import type { ExchangeSegmentName, FeedMode } from '../../shared/model/instruments';

export const RECORDING_MAGIC = 'CLFEED01';
export const RECORDING_FORMAT_VERSION = 1;
export const PREAMBLE_FIXED_BYTES = 12;
export const RECORD_HEADER_BYTES = 16;
/** Record kinds. Readers skip kinds they do not know by their length. */
export const RECORD_KIND = Object.freeze({ BINARY_FRAME: 1 });
/** Upper bounds that keep a damaged file from asking for gigabytes. */
export const MAX_HEADER_BYTES = 16 * 1024 * 1024;
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

export interface RecordedInstrument {
  readonly segment: ExchangeSegmentName;
  readonly securityId: number;
  readonly mode?: FeedMode;
}

export interface RecordingHeader {
  readonly formatVersion: number;
  /** 'dhanhq-live-market-feed'. */
  readonly protocol: string;
  /** The feed's `version` query parameter: 2. */
  readonly protocolVersion: number;
  readonly createdAtMs: number;
  /** Who produced the frames, e.g. 'chainlens-simulator' or 'dhanhq'. */
  readonly source: string;
  readonly instruments: readonly RecordedInstrument[];
  readonly note?: string;
}

export interface RecordedFrame {
  /** Epoch milliseconds when the frame arrived (fractions allowed). */
  readonly arrivalMs: number;
  readonly bytes: Uint8Array;
}

/** A header with the defaults filled in. */
export function recordingHeader(fields: Pick<RecordingHeader, 'createdAtMs' | 'source' | 'instruments'> & { note?: string }): RecordingHeader {
  return {
    formatVersion: RECORDING_FORMAT_VERSION,
    protocol: 'dhanhq-live-market-feed',
    protocolVersion: 2,
    ...fields,
  };
}

/** The file's first bytes: magic, header length and header JSON. */
export function encodePreamble(header: RecordingHeader): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(PREAMBLE_FIXED_BYTES + json.length);
  for (let i = 0; i < RECORDING_MAGIC.length; i++) out[i] = RECORDING_MAGIC.charCodeAt(i);
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, PREAMBLE_FIXED_BYTES);
  return out;
}

/** The 16-byte record header for a frame of `byteLength` bytes that arrived at `arrivalMs`. */
export function encodeRecordHeader(byteLength: number, arrivalMs: number, kind: number = RECORD_KIND.BINARY_FRAME): Uint8Array {
  const out = new Uint8Array(RECORD_HEADER_BYTES);
  const view = new DataView(out.buffer);
  view.setUint8(0, kind);
  view.setUint32(4, byteLength, true);
  view.setFloat64(8, arrivalMs, true);
  return out;
}

const unreadable = (message: string, context: Record<string, string | number> = {}): AppError =>
  new AppError('RECORDING_UNREADABLE', message, context);

/**
 * Incremental reader: push chunks as they arrive, take the frames decoded so far. Throws
 * RECORDING_UNREADABLE on a bad preamble or an impossible length; a file cut mid-record is
 * reported by `finish()`, with every complete frame before it kept.
 */
export class RecordingParser {
  private pending: Uint8Array = new Uint8Array(0);
  private parsedHeader: RecordingHeader | null = null;
  private consumed = 0;
  private skippedRecords = 0;

  get header(): RecordingHeader | null {
    return this.parsedHeader;
  }

  /** Records of kinds this reader does not know, skipped by length. */
  get skipped(): number {
    return this.skippedRecords;
  }

  push(chunk: Uint8Array): RecordedFrame[] {
    // Always copy into a plain Uint8Array: a Buffer's slice() is a view of memory the stream may reuse.
    this.pending = concat(this.pending, chunk);
    const frames: RecordedFrame[] = [];
    let at = 0;
    const view = new DataView(this.pending.buffer, this.pending.byteOffset, this.pending.byteLength);
    if (this.parsedHeader === null) {
      const used = this.readPreamble(view);
      if (used === 0) return frames;
      at = used;
    }
    while (this.pending.length - at >= RECORD_HEADER_BYTES) {
      const kind = view.getUint8(at);
      const length = view.getUint32(at + 4, true);
      if (length > MAX_RECORD_BYTES) throw unreadable('a record declares an impossible length', { offset: this.consumed + at, length });
      if (this.pending.length - at - RECORD_HEADER_BYTES < length) break;
      const arrivalMs = view.getFloat64(at + 8, true);
      const start = at + RECORD_HEADER_BYTES;
      if (kind === RECORD_KIND.BINARY_FRAME) frames.push({ arrivalMs, bytes: this.pending.slice(start, start + length) });
      else this.skippedRecords++;
      at = start + length;
    }
    this.consumed += at;
    this.pending = this.pending.slice(at);
    return frames;
  }

  /** Call at end of input: bytes of an incomplete trailing record (0 for a whole file). */
  finish(): { truncatedTailBytes: number } {
    if (this.parsedHeader === null) throw unreadable('the file ends before the recording header');
    return { truncatedTailBytes: this.pending.length };
  }

  private readPreamble(view: DataView): number {
    if (view.byteLength < PREAMBLE_FIXED_BYTES) return 0;
    for (let i = 0; i < RECORDING_MAGIC.length; i++) {
      if (view.getUint8(i) !== RECORDING_MAGIC.charCodeAt(i)) throw unreadable('not a ChainLens feed recording (bad magic)');
    }
    const length = view.getUint32(8, true);
    if (length > MAX_HEADER_BYTES) throw unreadable('the recording header declares an impossible length', { length });
    if (view.byteLength < PREAMBLE_FIXED_BYTES + length) return 0;
    const text = new TextDecoder().decode(this.pending.subarray(PREAMBLE_FIXED_BYTES, PREAMBLE_FIXED_BYTES + length));
    this.parsedHeader = parseHeader(text);
    return PREAMBLE_FIXED_BYTES + length;
  }
}

function parseHeader(text: string): RecordingHeader {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AppError('RECORDING_UNREADABLE', 'the recording header is not JSON', {}, { cause: error });
  }
  const h = value as Partial<RecordingHeader> | null;
  if (h === null || typeof h !== 'object' || typeof h.formatVersion !== 'number' || !Array.isArray(h.instruments)) {
    throw unreadable('the recording header lacks formatVersion or instruments');
  }
  if (h.formatVersion > RECORDING_FORMAT_VERSION) {
    throw unreadable('the recording was written by a newer format version', { formatVersion: h.formatVersion });
  }
  return h as RecordingHeader;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
