/**
 * A chain batch carries each changed row as a patch against the row the engine last sent that
 * client (ChainRowPatch): the strike and, for each side that changed, only its changed fields,
 * with the contract's security id, which names the side. On a busy chain a row is sent because
 * one of its contracts traded, and a trade moves about half of one side's fields; the whole row
 * was about 1 KB of JSON, of which a patch is a quarter or less.
 *
 * Equality is JSON's, because JSON is what a client receives: a value JSON writes as null (null,
 * NaN, ±Infinity) equals another such, and 0 equals −0.
 */
import type { ChainRow, ChainRowPatch, SidePatch, SideView } from './view-types';

/** Every field of SideView, once: the `satisfies` makes a field added to the type fail to compile here until listed. */
const SIDE_FIELDS = Object.keys({
  securityId: true,
  ltp: true,
  change: true,
  changePct: true,
  prevClose: true,
  oi: true,
  prevOi: true,
  oiChange: true,
  volume: true,
  bidPrice: true,
  bidQty: true,
  askPrice: true,
  askQty: true,
  iv: true,
  delta: true,
  gamma: true,
  theta: true,
  vega: true,
  brokerIv: true,
  brokerDelta: true,
  brokerGamma: true,
  brokerTheta: true,
  brokerVega: true,
  buildUp: true,
  source: true,
  updatedAtMs: true,
} satisfies Record<keyof SideView, true>) as readonly (keyof SideView)[];

/** The fields a side patch carries only when they changed (the security id names the side, always). */
const CHANGING_FIELDS = SIDE_FIELDS.filter((field) => field !== 'securityId');

/**
 * What a client that shows `sent` needs to show `row` (the same strike), or null when the two
 * look the same. A side missing from the patch is unchanged; null means the strike has no such
 * contract.
 */
export function chainRowPatch(sent: ChainRow, row: ChainRow): ChainRowPatch | null {
  if (sent.strike !== row.strike) return row;
  const ce = sidePatch(sent.ce, row.ce);
  const pe = sidePatch(sent.pe, row.pe);
  if (ce === undefined && pe === undefined) return null;
  if (ce === undefined) return { strike: row.strike, pe: pe as SidePatch | null };
  if (pe === undefined) return { strike: row.strike, ce };
  return { strike: row.strike, ce, pe };
}

/**
 * The row a client shows after applying `patch` to `current` (undefined: a row it does not
 * have), or null when it cannot: a patch for a row it does not have names only some fields.
 */
export function applyChainRowPatch(current: ChainRow | undefined, patch: ChainRowPatch): ChainRow | null {
  const ce = patchedSide(current === undefined ? undefined : current.ce, patch.ce);
  const pe = patchedSide(current === undefined ? undefined : current.pe, patch.pe);
  if (ce === undefined || pe === undefined) return null;
  return { strike: patch.strike, ce, pe };
}

/** Undefined when `side` looks like `sent`. */
function sidePatch(sent: SideView | null, side: SideView | null): SidePatch | null | undefined {
  if (sent === side) return undefined;
  if (side === null) return null;
  if (sent === null || sent.securityId !== side.securityId) return side;
  // Every field, in one order, each the new value or undefined when unchanged: an object of one
  // shape whatever changed, which V8 builds and JSON.stringify writes (leaving out the undefined
  // fields) several times faster than one grown field by field.
  const patch: { readonly securityId: number } & {
    readonly [K in Exclude<keyof SideView, 'securityId'>]: SideView[K] | undefined;
  } = {
    securityId: side.securityId,
    ltp: changed(sent.ltp, side.ltp),
    change: changed(sent.change, side.change),
    changePct: changed(sent.changePct, side.changePct),
    prevClose: changed(sent.prevClose, side.prevClose),
    oi: changed(sent.oi, side.oi),
    prevOi: changed(sent.prevOi, side.prevOi),
    oiChange: changed(sent.oiChange, side.oiChange),
    volume: changed(sent.volume, side.volume),
    bidPrice: changed(sent.bidPrice, side.bidPrice),
    bidQty: changed(sent.bidQty, side.bidQty),
    askPrice: changed(sent.askPrice, side.askPrice),
    askQty: changed(sent.askQty, side.askQty),
    iv: changed(sent.iv, side.iv),
    delta: changed(sent.delta, side.delta),
    gamma: changed(sent.gamma, side.gamma),
    theta: changed(sent.theta, side.theta),
    vega: changed(sent.vega, side.vega),
    brokerIv: changed(sent.brokerIv, side.brokerIv),
    brokerDelta: changed(sent.brokerDelta, side.brokerDelta),
    brokerGamma: changed(sent.brokerGamma, side.brokerGamma),
    brokerTheta: changed(sent.brokerTheta, side.brokerTheta),
    brokerVega: changed(sent.brokerVega, side.brokerVega),
    buildUp: changed(sent.buildUp, side.buildUp),
    source: changed(sent.source, side.source),
    updatedAtMs: changed(sent.updatedAtMs, side.updatedAtMs),
  };
  for (let i = 0; i < CHANGING_FIELDS.length; i++)
    if (patch[CHANGING_FIELDS[i] as keyof SideView] !== undefined) return patch;
  return undefined;
}

/** `value` when JSON would write it differently from `was`, else undefined. */
function changed<T>(was: T, value: T): T | undefined {
  return was === value || (writtenAsNull(was) && writtenAsNull(value)) ? undefined : value;
}

/** The side after a patch; undefined when it cannot be known (a partial patch with nothing to apply it to). */
function patchedSide(
  current: SideView | null | undefined,
  patch: SidePatch | null | undefined,
): SideView | null | undefined {
  if (patch === undefined) return current;
  if (patch === null) return null;
  if (current === undefined || current === null || current.securityId !== patch.securityId)
    return isWholeSide(patch) ? patch : undefined;
  // A field left undefined is unchanged (structured clone keeps undefined fields; JSON drops them).
  const side: Record<string, unknown> = { ...current };
  for (const field of SIDE_FIELDS) {
    const value = patch[field];
    if (value !== undefined) side[field] = value;
  }
  return side as unknown as SideView;
}

function isWholeSide(patch: SidePatch): patch is SideView {
  for (const field of SIDE_FIELDS) if (patch[field] === undefined) return false;
  return true;
}

function writtenAsNull(value: unknown): boolean {
  return value === null || (typeof value === 'number' && !Number.isFinite(value));
}
