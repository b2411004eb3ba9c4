/**
 * The grid's per-instance context: the markers and the unit choice that cell styling and
 * formatting read. Owned by one ChainGrid instance and changed only through its methods (by
 * the sink and by the unit toggle), never shared between grids.
 */
import type { QuantityUnit } from '../util/format';
import { NO_MARKERS, type ChainMarkers } from './chain-grid-sink';

export class ChainGridContext {
  markers: ChainMarkers = NO_MARKERS;

  constructor(public units: QuantityUnit) {}

  /** Returns true when the unit changed (the grid must then re-format its cells). */
  setUnits(units: QuantityUnit): boolean {
    if (units === this.units) return false;
    this.units = units;
    return true;
  }

  /** Returns the markers in force before. */
  setMarkers(markers: ChainMarkers): ChainMarkers {
    const previous = this.markers;
    this.markers = markers;
    return previous;
  }
}

/** True when the call at `strike` is in the money (strike below the forward). */
export function callIsItm(markers: ChainMarkers, strike: number): boolean {
  const reference = markers.itmReference;
  return reference !== null && strike < reference;
}

/** True when the put at `strike` is in the money (strike above the forward). */
export function putIsItm(markers: ChainMarkers, strike: number): boolean {
  const reference = markers.itmReference;
  return reference !== null && strike > reference;
}
