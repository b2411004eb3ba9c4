/**
 * Where chain rows go: the grid, behind a small interface so the streaming rules (seq order,
 * selection filter, transactions not re-renders) are tested without a grid, and the grid is
 * tested without a stream.
 */
import type { ChainRow } from '../../../shared/api/view-types';

/** What decides row and cell styling besides the row data itself. */
export interface ChainMarkers {
  readonly atmStrike: number | null;
  /** The price that splits ITM from OTM: the chain's forward, else spot; null when unknown. */
  readonly itmReference: number | null;
  /** How many strikes on screen lie below `itmReference`: calls there are ITM, puts above it. */
  readonly strikesBelowReference: number;
  /** Largest OI on either side among the rows on screen; scales the in-cell OI bars. */
  readonly maxOi: number;
  readonly lotSize: number;
}

export const NO_MARKERS: ChainMarkers = { atmStrike: null, itmReference: null, strikesBelowReference: 0, maxOi: 0, lotSize: 0 };

export interface ChainGridSink {
  /** Replaces every row: a new snapshot, or rows that were not on screen before. */
  setRows(rows: readonly ChainRow[], markers: ChainMarkers): void;
  /** Applies changed rows that are all already on screen, as one asynchronous transaction. */
  updateRows(rows: readonly ChainRow[]): void;
  /** Restyles only what a marker change affects (ATM row, ITM shading, OI bar scale). */
  setMarkers(markers: ChainMarkers): void;
  /** Scrolls so `strike` sits in the middle of the view. */
  centreOn(strike: number): void;
}

/** Row identity for the grid: the strike. */
export function chainRowId(row: ChainRow): string {
  return String(row.strike);
}
