/**
 * The grid end of the chain stream: row changes become `applyTransactionAsync` updates keyed by
 * strike (AG Grid applies them on its next turn and flashes the cells that changed), never new
 * rowData, and marker changes restyle only the rows they affect.
 */
import type { GridApi, IRowNode } from 'ag-grid-community';
import type { ChainRow } from '../../../shared/api/view-types';
import { callIsItm, putIsItm, type ChainGridContext } from './chain-grid-context';
import type { ChainGridSink, ChainMarkers } from './chain-grid-sink';
import { OI_COLUMN_IDS, QUANTITY_COLUMN_IDS } from './chain-columns';

/** Bars are rescaled only when the largest OI moves by more than this fraction. */
const OI_SCALE_TOLERANCE = 0.02;

export class AgGridChainSink implements ChainGridSink {
  constructor(
    readonly api: GridApi<ChainRow>,
    private readonly context: ChainGridContext,
  ) {}

  setRows(rows: readonly ChainRow[], markers: ChainMarkers): void {
    this.context.setMarkers(markers);
    this.api.setGridOption('rowData', [...rows]);
  }

  updateRows(rows: readonly ChainRow[]): void {
    this.api.applyTransactionAsync({ update: [...rows] });
  }

  setMarkers(markers: ChainMarkers): void {
    const previous = this.context.setMarkers(markers);
    // Row classes (ATM, in-the-money sides) are re-evaluated when a row is redrawn: only the
    // rows whose classes change are, usually the old and new ATM and the one strike the forward crossed.
    const restyled = new Set<IRowNode<ChainRow>>();
    if (previous.atmStrike !== markers.atmStrike) {
      for (const strike of [previous.atmStrike, markers.atmStrike]) {
        const node = strike === null ? undefined : this.api.getRowNode(String(strike));
        if (node) restyled.add(node);
      }
    }
    if (previous.itmReference !== markers.itmReference) {
      this.api.forEachNode((node) => {
        const strike = node.data?.strike;
        if (strike !== undefined && itmChanged(previous, markers, strike)) restyled.add(node);
      });
    }
    if (restyled.size > 0) this.api.redrawRows({ rowNodes: [...restyled] });
    if (scaleMoved(previous.maxOi, markers.maxOi)) {
      this.api.refreshCells({ columns: [...OI_COLUMN_IDS], force: true });
    }
    if (previous.lotSize !== markers.lotSize && this.context.units === 'lots') {
      this.api.refreshCells({ columns: [...QUANTITY_COLUMN_IDS], force: true });
    }
  }

  centreOn(strike: number): void {
    const node = this.api.getRowNode(String(strike));
    if (node) this.api.ensureNodeVisible(node, 'middle');
  }
}

function itmChanged(previous: ChainMarkers, next: ChainMarkers, strike: number): boolean {
  return callIsItm(previous, strike) !== callIsItm(next, strike) || putIsItm(previous, strike) !== putIsItm(next, strike);
}

function scaleMoved(previous: number, next: number): boolean {
  if (previous === next) return false;
  if (previous <= 0 || next <= 0) return true;
  return Math.abs(next - previous) / previous > OI_SCALE_TOLERANCE;
}
