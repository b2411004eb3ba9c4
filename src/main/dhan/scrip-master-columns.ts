/**
 * The scrip master comes in two header sets (compact SEM_* and detailed) whose columns move
 * between versions, so columns are found by name, never by position.
 */
import { AppError } from '../../shared/errors/app-error';

export type MasterField =
  | 'exchange'
  | 'segment'
  | 'securityId'
  | 'instrument'
  | 'underlyingSymbol'
  | 'tradingSymbol'
  | 'displayName'
  | 'lotSize'
  | 'expiry'
  | 'strike'
  | 'optionType'
  | 'tickSize'
  | 'expiryFlag';

export type MasterFormat = 'detailed' | 'compact';

interface ColumnSpec {
  readonly name: string;
  readonly required: boolean;
}

const spec = (name: string, required = true): ColumnSpec => ({ name, required });

/** Official column mapping (DhanHQ docs, "Column Description"). */
const COLUMNS: Readonly<Record<MasterFormat, Readonly<Record<MasterField, ColumnSpec | null>>>> = {
  detailed: {
    exchange: spec('EXCH_ID'),
    segment: spec('SEGMENT', false),
    securityId: spec('SECURITY_ID'),
    instrument: spec('INSTRUMENT'),
    underlyingSymbol: spec('UNDERLYING_SYMBOL'),
    tradingSymbol: spec('SYMBOL_NAME', false),
    displayName: spec('DISPLAY_NAME', false),
    lotSize: spec('LOT_SIZE'),
    expiry: spec('SM_EXPIRY_DATE'),
    strike: spec('STRIKE_PRICE'),
    optionType: spec('OPTION_TYPE'),
    tickSize: spec('TICK_SIZE'),
    expiryFlag: spec('EXPIRY_FLAG', false),
  },
  compact: {
    exchange: spec('SEM_EXM_EXCH_ID'),
    segment: spec('SEM_SEGMENT', false),
    securityId: spec('SEM_SMST_SECURITY_ID'),
    instrument: spec('SEM_INSTRUMENT_NAME'),
    // SM_SYMBOL_NAME is blank on most derivative rows: the underlying comes from the trading symbol.
    underlyingSymbol: null,
    tradingSymbol: spec('SEM_TRADING_SYMBOL'),
    displayName: spec('SEM_CUSTOM_SYMBOL', false),
    lotSize: spec('SEM_LOT_UNITS'),
    expiry: spec('SEM_EXPIRY_DATE'),
    strike: spec('SEM_STRIKE_PRICE'),
    optionType: spec('SEM_OPTION_TYPE'),
    tickSize: spec('SEM_TICK_SIZE'),
    expiryFlag: spec('SEM_EXPIRY_FLAG', false),
  },
};

export interface ColumnMap {
  readonly format: MasterFormat;
  /** Field → column index, or -1 when the (optional) column is absent. */
  readonly index: Readonly<Record<MasterField, number>>;
  /** A row needs at least this many fields to hold every required column. */
  readonly minimumFields: number;
}

/**
 * Maps a header row. Names are compared trimmed and upper-cased; a BOM and empty trailing
 * names are ignored. Throws MASTER_BAD_HEADER naming the missing required columns.
 */
export function resolveColumns(header: readonly string[]): ColumnMap {
  const names = header.map((h) =>
    h
      .replace(/^\uFEFF/, '')
      .trim()
      .toUpperCase(),
  );
  const position = new Map<string, number>();
  names.forEach((name, i) => {
    if (name !== '' && !position.has(name)) position.set(name, i);
  });
  const format: MasterFormat | null = position.has('SEM_SMST_SECURITY_ID')
    ? 'compact'
    : position.has('SECURITY_ID')
      ? 'detailed'
      : null;
  if (format === null) {
    throw new AppError(
      'MASTER_BAD_HEADER',
      `The header has neither SEM_SMST_SECURITY_ID nor SECURITY_ID (first columns: ${names.slice(0, 5).join(', ')})`,
      {
        columns: names.length,
      },
    );
  }
  const index = {} as Record<MasterField, number>;
  const missing: string[] = [];
  let minimumFields = 0;
  for (const [field, column] of Object.entries(COLUMNS[format]) as [MasterField, ColumnSpec | null][]) {
    const at = column === null ? -1 : (position.get(column.name) ?? -1);
    index[field] = at;
    if (column?.required && at < 0) missing.push(column.name);
    if (column?.required && at >= 0) minimumFields = Math.max(minimumFields, at + 1);
  }
  if (missing.length > 0) {
    throw new AppError(
      'MASTER_BAD_HEADER',
      `The ${format} header lacks required columns: ${missing.join(', ')}`,
      {
        format,
        missing: missing.join(','),
      },
    );
  }
  return { format, index, minimumFields };
}
