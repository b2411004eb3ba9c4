/**
 * Appends feed frames to a recording file through a node:fs write stream (no other
 * dependency). Appends never block: the stream buffers, and `close()` waits for the bytes to
 * reach the file. A write error is kept, logged by the caller via `error`, and raised as
 * RECORDING_FAILED on the next append or on close.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { AppError } from '../../shared/errors/app-error';
import { encodePreamble, encodeRecordHeader, type RecordingHeader } from '../../shared/feed/recording-format';

export class RecordingWriter {
  private failure: AppError | null = null;
  private closed = false;
  framesWritten = 0;
  bytesWritten = 0;

  private constructor(
    private readonly stream: WriteStream,
    readonly path: string,
  ) {
    stream.on('error', (error: Error) => {
      this.failure = new AppError('RECORDING_FAILED', `writing the recording failed: ${error.message}`, { path }, { cause: error });
    });
  }

  /** Creates (or truncates) `path` and writes the header. Rejects with RECORDING_FAILED if the file cannot be opened. */
  static async open(path: string, header: RecordingHeader): Promise<RecordingWriter> {
    const stream = createWriteStream(path);
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (error: Error) =>
        reject(new AppError('RECORDING_FAILED', `cannot open the recording file: ${error.message}`, { path }, { cause: error })),
      );
    });
    const writer = new RecordingWriter(stream, path);
    writer.write(encodePreamble(header));
    return writer;
  }

  /** The write error, if one happened. */
  get error(): AppError | null {
    return this.failure;
  }

  /** Appends one frame. The bytes are copied, so the caller may reuse its buffer. */
  append(frame: Uint8Array, arrivalMs: number): void {
    if (this.failure !== null) throw this.failure;
    if (this.closed) throw new AppError('RECORDING_FAILED', 'the recording is already closed', { path: this.path });
    const record = new Uint8Array(16 + frame.byteLength);
    record.set(encodeRecordHeader(frame.byteLength, arrivalMs), 0);
    record.set(frame, 16);
    this.write(record);
    this.framesWritten++;
  }

  /** Flushes and closes the file; safe to call twice. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      await new Promise<void>((resolve) => this.stream.end(() => resolve()));
    }
    if (this.failure !== null) throw this.failure;
  }

  private write(bytes: Uint8Array): void {
    this.stream.write(bytes);
    this.bytesWritten += bytes.byteLength;
  }
}
