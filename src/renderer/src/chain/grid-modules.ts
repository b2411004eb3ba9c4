/**
 * The AG Grid community modules this app uses, and nothing more (the whole community bundle
 * is about 2.6 MB). Passed per grid rather than registered globally.
 */
import {
  CellStyleModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  HighlightChangesModule,
  RenderApiModule,
  RowApiModule,
  RowStyleModule,
  ScrollApiModule,
  type Module,
} from 'ag-grid-community';

/** The option chain: transactions, cell flash, class rules, re-centre, restyle. */
export const CHAIN_GRID_MODULES: Module[] = [
  ClientSideRowModelModule,
  ClientSideRowModelApiModule,
  RowApiModule,
  ScrollApiModule,
  RenderApiModule,
  HighlightChangesModule,
  CellStyleModule,
  RowStyleModule,
];

/** The tick log: a plain virtualised list. */
export const TICK_LOG_GRID_MODULES: Module[] = [ClientSideRowModelModule, CellStyleModule];
