/** Reads a whole recording file through a node:fs read stream. */
import { createReadStream } from 'node:fs';
import { AppError, isAppError } from '../../shared/errors/app-error';
import { RecordingParser, type RecordedFrame, type RecordingHeader } from '../../shared/feed/recording-format';

export interface Recording {
  readonly header: RecordingHeader;
  readonly frames: readonly RecordedFrame[];
  /** Bytes of an incomplete last record (a recording cut off mid-write); its complete frames are kept. */
  readonly truncatedTailBytes: number;
  /** Records of unknown kinds, skipped. */
  readonly skippedRecords: number;
}

/** Reads `path`; rejects with RECORDING_UNREADABLE when the file is missing, foreign or damaged. */
export async function readRecordingFile(path: string): Promise<Recording> {
  const parser = new RecordingParser();
  const frames: RecordedFrame[] = [];
  try {
    for await (const chunk of createReadStream(path)) {
      for (const frame of parser.push(chunk as Buffer)) frames.push(frame);
    }
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError('RECORDING_UNREADABLE', `cannot read the recording: ${(error as Error).message}`, { path }, { cause: error });
  }
  const { truncatedTailBytes } = parser.finish();
  return { header: parser.header!, frames, truncatedTailBytes, skippedRecords: parser.skipped };
}
