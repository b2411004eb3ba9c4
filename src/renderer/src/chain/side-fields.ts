/**
 * The per-contract fields the chain can show on each side of the strike, in the order they
 * sit outward from the strike column (puts read left to right, calls mirror them). The column
 * chooser toggles a field on both sides at once, so CE and PE always line up.
 */
import type { SideView } from '../../../shared/api/view-types';

export type SideFieldId =
  | 'ltp'
  | 'change'
  | 'changePct'
  | 'bidQty'
  | 'bid'
  | 'ask'
  | 'askQty'
  | 'volume'
  | 'oi'
  | 'oiChange'
  | 'iv'
  | 'delta'
  | 'gamma'
  | 'theta'
  | 'vega'
  | 'brokerIv'
  | 'brokerDelta'
  | 'brokerGamma'
  | 'brokerTheta'
  | 'brokerVega'
  | 'buildUp';

/** How a field's number is written. */
export type FieldFormat = 'price' | 'signed' | 'percent' | 'count' | 'signedCount' | 'iv' | 'greek2' | 'greek3' | 'greek5' | 'buildUp';

export interface SideField {
  readonly id: SideFieldId;
  /** Column header. */
  readonly label: string;
  /** What the chooser and screen readers say. */
  readonly description: string;
  readonly format: FieldFormat;
  readonly read: (side: SideView) => number | string | null;
  /** Flashes (with an ▲/▼ mark) when its value changes. */
  readonly flash: boolean;
  /** Shown in lots when the unit toggle says so. */
  readonly quantity: boolean;
  readonly minWidth: number;
  readonly defaultVisible: boolean;
  readonly group: 'price' | 'book' | 'activity' | 'greeks' | 'broker' | 'signal';
}

const field = (spec: SideField): SideField => spec;

export const SIDE_FIELDS: readonly SideField[] = [
  field({ id: 'ltp', label: 'LTP', description: 'Last traded price', format: 'price', read: (s) => s.ltp, flash: true, quantity: false, minWidth: 74, defaultVisible: true, group: 'price' }),
  field({ id: 'change', label: 'Chg', description: 'Change from previous close, rupees', format: 'signed', read: (s) => s.change, flash: false, quantity: false, minWidth: 64, defaultVisible: false, group: 'price' }),
  field({ id: 'changePct', label: 'Chg%', description: 'Change from previous close, percent', format: 'percent', read: (s) => s.changePct, flash: false, quantity: false, minWidth: 66, defaultVisible: true, group: 'price' }),
  field({ id: 'bidQty', label: 'Bid Qty', description: 'Best bid quantity', format: 'count', read: (s) => s.bidQty, flash: false, quantity: false, minWidth: 64, defaultVisible: false, group: 'book' }),
  field({ id: 'bid', label: 'Bid', description: 'Best bid price', format: 'price', read: (s) => s.bidPrice, flash: true, quantity: false, minWidth: 70, defaultVisible: false, group: 'book' }),
  field({ id: 'ask', label: 'Ask', description: 'Best ask price', format: 'price', read: (s) => s.askPrice, flash: true, quantity: false, minWidth: 70, defaultVisible: false, group: 'book' }),
  field({ id: 'askQty', label: 'Ask Qty', description: 'Best ask quantity', format: 'count', read: (s) => s.askQty, flash: false, quantity: false, minWidth: 64, defaultVisible: false, group: 'book' }),
  field({ id: 'volume', label: 'Volume', description: 'Volume traded today', format: 'count', read: (s) => s.volume, flash: true, quantity: true, minWidth: 68, defaultVisible: true, group: 'activity' }),
  field({ id: 'oi', label: 'OI', description: 'Open interest, with a bar against the largest in view', format: 'count', read: (s) => s.oi, flash: true, quantity: true, minWidth: 74, defaultVisible: true, group: 'activity' }),
  field({ id: 'oiChange', label: 'OI Chg', description: 'Open interest change from the previous day', format: 'signedCount', read: (s) => s.oiChange, flash: false, quantity: true, minWidth: 66, defaultVisible: true, group: 'activity' }),
  field({ id: 'iv', label: 'IV', description: 'Implied volatility, percent (ours: Black-76 on the forward)', format: 'iv', read: (s) => s.iv, flash: false, quantity: false, minWidth: 58, defaultVisible: true, group: 'greeks' }),
  field({ id: 'delta', label: 'Δ', description: 'Delta (ours), per unit of the forward', format: 'greek3', read: (s) => s.delta, flash: false, quantity: false, minWidth: 58, defaultVisible: false, group: 'greeks' }),
  field({ id: 'gamma', label: 'Γ', description: 'Gamma (ours), per unit of the forward', format: 'greek5', read: (s) => s.gamma, flash: false, quantity: false, minWidth: 66, defaultVisible: false, group: 'greeks' }),
  field({ id: 'theta', label: 'Θ', description: 'Theta (ours), rupees per calendar day', format: 'greek2', read: (s) => s.theta, flash: false, quantity: false, minWidth: 60, defaultVisible: false, group: 'greeks' }),
  field({ id: 'vega', label: 'Vega', description: 'Vega (ours), rupees per volatility point', format: 'greek2', read: (s) => s.vega, flash: false, quantity: false, minWidth: 58, defaultVisible: false, group: 'greeks' }),
  field({ id: 'brokerIv', label: 'Dhan IV', description: "DhanHQ's implied volatility, percent", format: 'iv', read: (s) => s.brokerIv, flash: false, quantity: false, minWidth: 64, defaultVisible: false, group: 'broker' }),
  field({ id: 'brokerDelta', label: 'Dhan Δ', description: "DhanHQ's delta", format: 'greek3', read: (s) => s.brokerDelta, flash: false, quantity: false, minWidth: 64, defaultVisible: false, group: 'broker' }),
  field({ id: 'brokerGamma', label: 'Dhan Γ', description: "DhanHQ's gamma", format: 'greek5', read: (s) => s.brokerGamma, flash: false, quantity: false, minWidth: 70, defaultVisible: false, group: 'broker' }),
  field({ id: 'brokerTheta', label: 'Dhan Θ', description: "DhanHQ's theta", format: 'greek2', read: (s) => s.brokerTheta, flash: false, quantity: false, minWidth: 64, defaultVisible: false, group: 'broker' }),
  field({ id: 'brokerVega', label: 'Dhan Vega', description: "DhanHQ's vega", format: 'greek2', read: (s) => s.brokerVega, flash: false, quantity: false, minWidth: 72, defaultVisible: false, group: 'broker' }),
  field({ id: 'buildUp', label: 'Build-up', description: 'OI build-up: long/short build-up, long unwinding, short covering', format: 'buildUp', read: (s) => s.buildUp, flash: false, quantity: false, minWidth: 62, defaultVisible: true, group: 'signal' }),
];

export const SIDE_FIELD_IDS: readonly SideFieldId[] = SIDE_FIELDS.map((f) => f.id);

export const DEFAULT_VISIBLE_FIELDS: readonly SideFieldId[] = SIDE_FIELDS.filter((f) => f.defaultVisible).map((f) => f.id);

export function isSideFieldId(value: unknown): value is SideFieldId {
  return typeof value === 'string' && (SIDE_FIELD_IDS as readonly string[]).includes(value);
}

export function sideField(id: SideFieldId): SideField {
  const found = SIDE_FIELDS.find((f) => f.id === id);
  if (!found) throw new Error(`unknown side field ${id}`);
  return found;
}
