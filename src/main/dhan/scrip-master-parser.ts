/**
 * Streams DhanHQ's scrip master CSV (hundreds of thousands of rows) through csv-parse and
 * keeps only what the option chain needs: the index options (OPTIDX) and index futures
 * (FUTIDX) of the configured underlyings, and their index (spot) rows. Rows are handled inside
 * the parser's record hook, so nothing but the kept rows is ever held: the text is never in
 * memory whole, not even once.
 *
 * Speed: a line that mentions neither "IDX" nor "INDEX" anywhere cannot be an OPTIDX, FUTIDX
 * or INDEX row, so the line guard drops it before csv-parse (about nine rows in ten); it is
 * still counted as read.
 *
 * Malformed rows are skipped and counted by reason; a header without the required columns
 * fails the whole parse with MASTER_BAD_HEADER.
 */
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse, type CsvError } from 'csv-parse';
import { AppError } from '../../shared/errors/app-error';
import type {
  InstrumentMasterData,
  MasterFuture,
  MasterIndex,
  MasterOption,
  UnderlyingConfig,
} from '../../shared/model/master-data';
import { CsvLineGuard } from './csv-line-guard';
import { resolveColumns, type ColumnMap, type MasterFormat } from './scrip-master-columns';
import {
  derivativeSegmentOf,
  expiryFlagOf,
  parseExpiry,
  parseLotSize,
  parseSecurityId,
  parseStrike,
  symbolPrefix,
  tickSizeRupees,
} from './scrip-master-values';

/** Why a row was skipped: CSV errors by csv-parse code, field problems by name. */
export type RejectReason =
  | 'unbalanced-quotes'
  | 'overlong-line'
  | 'short-row'
  | 'unknown-exchange'
  | 'bad-security-id'
  | 'bad-expiry'
  | 'bad-strike'
  | 'bad-option-type'
  | 'bad-lot-size'
  | 'bad-tick-size'
  | `csv:${string}`;

export interface ScripMasterParseOptions {
  readonly underlyings: readonly UnderlyingConfig[];
  /** Progress: bytes read so far (raw, before decoding). */
  readonly onBytes?: (bytes: number) => void;
  /** Progress: data rows read so far (header excluded); called every `progressEveryRows` rows and at the end. */
  readonly onRows?: (rows: number) => void;
  /** Default 10 000. */
  readonly progressEveryRows?: number;
}

export interface ScripMasterParseResult {
  readonly data: InstrumentMasterData;
  readonly format: MasterFormat;
  readonly bytes: number;
  /** Data rows (header excluded), rejected ones included. */
  readonly rowsRead: number;
  readonly rowsKept: number;
  readonly rowsRejected: number;
  readonly rejectReasons: Readonly<Partial<Record<RejectReason, number>>>;
}

/** Parses the CSV from `source` (bytes). Rejects with MASTER_BAD_HEADER, or with the source's own error. */
export async function parseScripMaster(
  source: Readable,
  options: ScripMasterParseOptions,
): Promise<ScripMasterParseResult> {
  const collector = new RowCollector(options);
  let bytes = 0;
  const guard = new CsvLineGuard({
    onBytes: (n) => {
      bytes = n;
      options.onBytes?.(n);
    },
    onLines: options.onRows,
    linesEvery: options.progressEveryRows ?? 10_000,
    onUnbalancedLine: () => collector.reject('unbalanced-quotes'),
    onOverlongLine: () => collector.reject('overlong-line'),
    isCandidate: (line) => INDEX_ROW_HINT.test(line),
  });
  let lastSkippedLine = -1;
  const parser = parse({
    bom: true,
    // Row lengths are checked per row (a trailing empty column comes and goes between versions).
    relax_column_count: true,
    // A quote inside an unquoted field (5" SCREEN) is kept as text rather than failing the row.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      // One bad record can raise several errors; count the record once.
      if (parser.info.lines === lastSkippedLine) return undefined;
      lastSkippedLine = parser.info.lines;
      collector.reject(`csv:${error?.code ?? 'unknown'}`);
      return undefined;
    },
    on_record: (record: string[]) => collector.accept(record),
  });
  const sink = new Writable({ objectMode: true, write: (_chunk, _encoding, callback) => callback() });
  await pipeline(source, guard, parser, sink);
  return collector.result(bytes, guard.dataLines);
}

const INDEX_ROW_HINT = /IDX|INDEX/i;

class RowCollector {
  private columns: ColumnMap | null = null;
  private readonly wanted: ReadonlySet<string>;
  private readonly options: MasterOption[] = [];
  private readonly futures: MasterFuture[] = [];
  private readonly indices: MasterIndex[] = [];
  private readonly reasons: Partial<Record<RejectReason, number>> = {};
  private rejected = 0;

  constructor(parseOptions: ScripMasterParseOptions) {
    this.wanted = new Set(parseOptions.underlyings.map((u) => u.symbol.toUpperCase()));
  }

  /** csv-parse's record hook: returns null so no record object travels further down the stream. */
  accept(fields: string[]): null {
    if (this.columns === null) {
      // Throwing here ends the parse with this error (csv-parse treats it as fatal).
      this.columns = resolveColumns(fields);
      return null;
    }
    if (fields.length < this.columns.minimumFields) {
      this.reject('short-row');
      return null;
    }
    const instrument = this.field(fields, 'instrument').toUpperCase();
    if (instrument === 'OPTIDX') this.option(fields);
    else if (instrument === 'FUTIDX') this.future(fields);
    else if (instrument === 'INDEX') this.index(fields);
    return null;
  }

  /** Counts a skipped row under its reason (also for lines the guard or csv-parse refused). */
  reject(reason: RejectReason): void {
    this.rejected++;
    this.reasons[reason] = (this.reasons[reason] ?? 0) + 1;
  }

  result(bytes: number, rowsRead: number): ScripMasterParseResult {
    if (this.columns === null)
      throw new AppError('MASTER_BAD_HEADER', 'The instrument master is empty: no header row', { bytes });
    const kept = this.options.length + this.futures.length + this.indices.length;
    return {
      data: { options: this.options, futures: this.futures, indices: this.indices },
      format: this.columns.format,
      bytes,
      rowsRead,
      rowsKept: kept,
      rowsRejected: this.rejected,
      rejectReasons: { ...this.reasons },
    };
  }

  private option(fields: string[]): void {
    const common = this.derivative(fields);
    if (common === null) return;
    const strike = parseStrike(this.field(fields, 'strike'));
    if (strike === null) return this.reject('bad-strike');
    const side = this.field(fields, 'optionType').toUpperCase();
    if (side !== 'CE' && side !== 'PE') return this.reject('bad-option-type');
    this.options.push({ ...common, strike, side });
  }

  private future(fields: string[]): void {
    const common = this.derivative(fields);
    if (common !== null) this.futures.push(common);
  }

  /** The fields options and futures share; null (after counting the reason) for a bad row or an unwanted underlying. */
  private derivative(fields: string[]): MasterFuture | null {
    const tradingSymbol = this.field(fields, 'tradingSymbol') || this.field(fields, 'displayName');
    const underlying = (this.field(fields, 'underlyingSymbol') || symbolPrefix(tradingSymbol)).toUpperCase();
    if (!this.wanted.has(underlying)) return null;
    const segment = derivativeSegmentOf(this.field(fields, 'exchange'));
    if (segment === null) return this.rejectNull('unknown-exchange');
    const securityId = parseSecurityId(this.field(fields, 'securityId'));
    if (securityId === null) return this.rejectNull('bad-security-id');
    const expiry = parseExpiry(this.field(fields, 'expiry'));
    if (expiry === null) return this.rejectNull('bad-expiry');
    const lotSize = parseLotSize(this.field(fields, 'lotSize'));
    if (lotSize === null) return this.rejectNull('bad-lot-size');
    const tick = tickSizeRupees(this.field(fields, 'tickSize'));
    if (tick === null) return this.rejectNull('bad-tick-size');
    return {
      segment,
      securityId,
      underlying,
      expiry,
      lotSize,
      tickSizeRupees: tick,
      tradingSymbol,
      expiryFlag: expiryFlagOf(this.field(fields, 'expiryFlag')),
    };
  }

  private index(fields: string[]): void {
    const securityId = parseSecurityId(this.field(fields, 'securityId'));
    const symbol = (
      this.field(fields, 'underlyingSymbol') ||
      this.field(fields, 'tradingSymbol') ||
      this.field(fields, 'displayName')
    ).toUpperCase();
    // By name only: index ids are unique per exchange, so an id alone could name another exchange's index.
    if (securityId === null || !this.wanted.has(symbol)) return;
    this.indices.push({ symbol, securityId });
  }

  private field(fields: string[], name: keyof ColumnMap['index']): string {
    const at = (this.columns as ColumnMap).index[name];
    return at < 0 ? '' : (fields[at] ?? '').trim();
  }

  private rejectNull(reason: RejectReason): null {
    this.reject(reason);
    return null;
  }
}
