/**
 * Column definitions for CE | strike | PE. Calls mirror puts around the strike; numbers are
 * right-aligned with tabular figures; unknown values show "—". Values are read with getters so
 * a missing side (a strike with only one contract) is "—" rather than an error.
 */
import type { CellClassParams, ColDef, ColGroupDef, ValueFormatterParams, ValueGetterParams } from 'ag-grid-community';
import type { ChainRow, SideView } from '../../../shared/api/view-types';
import {
  formatCompactCount,
  formatNumber,
  formatPrice,
  formatSigned,
  formatSignedPercent,
  formatStrike,
  toUnit,
  UNKNOWN,
  type QuantityUnit,
} from '../util/format';
import { buildUpLabel, BuildUpCellRenderer, OiBarCellRenderer, TickCellRenderer } from './cell-renderers';
import { callIsItm, putIsItm, type ChainGridContext } from './chain-grid-context';
import { SIDE_FIELDS, type FieldFormat, type SideField, type SideFieldId } from './side-fields';

export type Side = 'ce' | 'pe';

export const STRIKE_COLUMN_ID = 'strike';

export function columnId(side: Side, field: SideFieldId): string {
  return `${side}.${field}`;
}

export const OI_COLUMN_IDS: readonly string[] = [columnId('ce', 'oi'), columnId('pe', 'oi')];
export const QUANTITY_COLUMN_IDS: readonly string[] = SIDE_FIELDS.filter((f) => f.quantity).flatMap((f) => [
  columnId('ce', f.id),
  columnId('pe', f.id),
]);

type ChainColDef = ColDef<ChainRow>;

/** Formats one raw value of a field for a cell (quantities in the chosen unit). */
export function formatFieldValue(format: FieldFormat, value: unknown, quantity: boolean, context: ChainGridContext): string {
  if (format === 'buildUp') return buildUpLabel(typeof value === 'string' ? (value as never) : null)?.short ?? UNKNOWN;
  const raw = typeof value === 'number' ? value : null;
  const number = quantity ? toUnit(raw, context.units, context.markers.lotSize) : raw;
  switch (format) {
    case 'price':
      return formatPrice(number);
    case 'signed':
      return formatSigned(number);
    case 'percent':
      return formatSignedPercent(number);
    case 'count':
      return formatCompactCount(number);
    case 'signedCount':
      return formatCompactCount(number, true);
    case 'iv':
      return formatNumber(number, 2);
    case 'greek2':
      return formatNumber(number, 2);
    case 'greek3':
      return formatNumber(number, 3);
    case 'greek5':
      return formatNumber(number, 5);
  }
}

function sideColumn(side: Side, f: SideField, visible: ReadonlySet<SideFieldId>): ChainColDef {
  const read = (view: SideView | null | undefined): number | string | null => (view ? f.read(view) : null);
  const numeric = f.format !== 'buildUp';
  return {
    colId: columnId(side, f.id),
    headerName: f.label,
    headerClass: numeric ? 'hdr-num' : 'hdr-text',
    hide: !visible.has(f.id),
    minWidth: f.minWidth,
    flex: 1,
    valueGetter: (p: ValueGetterParams<ChainRow>) => read(p.data?.[side]),
    valueFormatter: (p: ValueFormatterParams<ChainRow>) => formatFieldValue(f.format, p.value, f.quantity, p.context as ChainGridContext),
    enableCellChangeFlash: f.flash,
    cellRenderer: f.id === 'oi' ? OiBarCellRenderer : f.format === 'buildUp' ? BuildUpCellRenderer : f.flash ? TickCellRenderer : undefined,
    cellClass: numeric ? `num side-${side}` : `text side-${side}`,
    // The grid runs a column's class rules at every refresh of each of its cells, allocating as
    // it goes, so only the columns whose colour follows their sign have any. In-the-money
    // shading is a row class (CHAIN_ROW_CLASS_RULES) that the side's cells take from CSS.
    cellClassRules: isSignedField(f) ? SIGN_CLASS_RULES : undefined,
  };
}

const SIGN_CLASS_RULES = {
  'cell-up': (p: CellClassParams<ChainRow>) => typeof p.value === 'number' && p.value > 0,
  'cell-down': (p: CellClassParams<ChainRow>) => typeof p.value === 'number' && p.value < 0,
};

function isSignedField(f: SideField): boolean {
  return f.format === 'signed' || f.format === 'percent' || f.format === 'signedCount';
}

const strikeColumn: ChainColDef = {
  colId: STRIKE_COLUMN_ID,
  headerName: 'Strike',
  headerClass: 'hdr-strike',
  minWidth: 68,
  maxWidth: 88,
  flex: 1,
  valueGetter: (p: ValueGetterParams<ChainRow>) => p.data?.strike ?? null,
  valueFormatter: (p: ValueFormatterParams<ChainRow>) => formatStrike(typeof p.value === 'number' ? p.value : null),
  cellClass: 'strike-cell',
};

/** CALLS (mirrored) | Strike | PUTS, with the chosen fields visible and quantities in `units`. */
export function buildChainColumns(visible: readonly SideFieldId[], units: QuantityUnit): ColGroupDef<ChainRow>[] {
  const shown = new Set(visible);
  const unitNote = units === 'lots' ? ' · OI and volume in lots' : '';
  return [
    {
      groupId: 'calls',
      headerName: `CALLS${unitNote}`,
      headerClass: 'group-ce',
      children: [...SIDE_FIELDS].reverse().map((f) => sideColumn('ce', f, shown)),
    },
    { groupId: 'strike-group', headerName: '', headerClass: 'group-strike', children: [strikeColumn] },
    {
      groupId: 'puts',
      headerName: `PUTS${unitNote}`,
      headerClass: 'group-pe',
      children: SIDE_FIELDS.map((f) => sideColumn('pe', f, shown)),
    },
  ];
}

type RowClassParams = { data?: ChainRow; context: ChainGridContext };

/** Row classes: the ATM strike stands out, and the in-the-money side of each row is shaded (calls below the forward, puts above it). */
export const CHAIN_ROW_CLASS_RULES = {
  'row-atm': (p: RowClassParams) => p.data !== undefined && p.data.strike === p.context.markers.atmStrike,
  'row-itm-ce': (p: RowClassParams) => p.data !== undefined && callIsItm(p.context.markers, p.data.strike),
  'row-itm-pe': (p: RowClassParams) => p.data !== undefined && putIsItm(p.context.markers, p.data.strike),
};
