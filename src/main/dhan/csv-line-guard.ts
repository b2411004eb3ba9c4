/**
 * The stage in front of the CSV parser. It splits the byte stream into lines and:
 * - holds back lines whose quotes do not balance: the scrip master never has a field spanning
 *   lines, and one stray quote would make any CSV parser read every later line into a single
 *   field, losing the rest of the file;
 * - drops lines that cannot be of interest (an optional cheap text test), so the full CSV
 *   parser only sees the few rows worth parsing: in the real file about one row in ten;
 * - turns CRLF into LF, drops the BOM and blank lines, and counts bytes and data lines.
 * The first non-blank line (the header) always passes.
 */
import { StringDecoder } from 'node:string_decoder';
import { Transform, type TransformCallback } from 'node:stream';

export interface CsvLineGuardOptions {
  /** After every chunk: total bytes received so far. */
  readonly onBytes?: (bytes: number) => void;
  /** Every `linesEvery` data lines, and at the end: data lines seen so far. */
  readonly onLines?: (lines: number) => void;
  /** Default 10 000. */
  readonly linesEvery?: number;
  /** A data line held back because its quotes do not balance (1-based line number in the file). */
  readonly onUnbalancedLine?: (lineNumber: number) => void;
  /** A data line dropped because it grew past `maxLineChars` (a file that is not CSV at all). */
  readonly onOverlongLine?: (lineNumber: number) => void;
  /** Default 1 048 576 characters; real rows are a few hundred. */
  readonly maxLineChars?: number;
  /** Data lines for which this returns false are counted and dropped unparsed. Default: keep all. */
  readonly isCandidate?: (line: string) => boolean;
}

export class CsvLineGuard extends Transform {
  private readonly decoder = new StringDecoder('utf8');
  private readonly maxLineChars: number;
  private readonly linesEvery: number;
  private pending = '';
  private lineNumber = 0;
  private headerSeen = false;
  private bytes = 0;
  private lines = 0;
  /** Inside an overlong line: everything up to the next line break is dropped. */
  private discarding = false;

  constructor(private readonly guardOptions: CsvLineGuardOptions = {}) {
    super({ decodeStrings: true });
    this.maxLineChars = guardOptions.maxLineChars ?? 1_048_576;
    this.linesEvery = guardOptions.linesEvery ?? 10_000;
  }

  /** Non-blank lines after the header, including held-back and dropped ones. */
  get dataLines(): number {
    return this.lines;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    this.guardOptions.onBytes?.(this.bytes);
    let text = this.pending + this.decoder.write(chunk);
    if (this.discarding) {
      const end = text.indexOf('\n');
      if (end < 0) {
        this.pending = '';
        callback();
        return;
      }
      this.discarding = false;
      text = text.slice(end + 1);
    }
    const lastBreak = text.lastIndexOf('\n');
    this.pending = text.slice(lastBreak + 1);
    if (lastBreak >= 0) this.emitLines(text.slice(0, lastBreak).split('\n'));
    if (this.pending.length > this.maxLineChars) {
      // Holding a line without end would hold the whole file; drop it instead.
      this.lineNumber++;
      this.countDataLine();
      this.guardOptions.onOverlongLine?.(this.lineNumber);
      this.pending = '';
      this.discarding = true;
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    if (rest.length > 0 && !this.discarding) this.emitLines([rest]);
    this.guardOptions.onLines?.(this.lines);
    callback();
  }

  private emitLines(lines: string[]): void {
    const kept: string[] = [];
    for (let line of lines) {
      this.lineNumber++;
      if (this.lineNumber === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (line.trim().length === 0) continue;
      if (!this.headerSeen) {
        this.headerSeen = true;
        kept.push(line);
        continue;
      }
      this.countDataLine();
      if (line.length > this.maxLineChars) {
        this.guardOptions.onOverlongLine?.(this.lineNumber);
      } else if (line.includes('"') && !quotesBalance(line)) {
        this.guardOptions.onUnbalancedLine?.(this.lineNumber);
      } else if (this.guardOptions.isCandidate?.(line) ?? true) {
        kept.push(line);
      }
    }
    if (kept.length > 0) this.push(`${kept.join('\n')}\n`);
  }

  private countDataLine(): void {
    this.lines++;
    if (this.lines % this.linesEvery === 0) this.guardOptions.onLines?.(this.lines);
  }
}

function quotesBalance(line: string): boolean {
  let count = 0;
  for (let at = line.indexOf('"'); at >= 0; at = line.indexOf('"', at + 1)) count++;
  return count % 2 === 0;
}
