import type { ApiErrorPayload } from '../../../../shared/api/api-contract';
import type { ChainSelection, UnderlyingSummary } from '../../../../shared/api/view-types';
import type { AppProblem } from '../../../../shared/errors/app-error';
import type { SliceCreator } from '../store-types';

export type ChainStatus = 'idle' | 'loading' | 'ready' | 'failed';

/** The chain on screen, as far as React needs to know: rows themselves never enter the store. */
export interface ChainInfo {
  readonly status: ChainStatus;
  /** Why selectChain failed. */
  readonly error: ApiErrorPayload | null;
  /** Why the chain has no prices (from the latest snapshot or batch). */
  readonly problem: AppProblem | null;
  readonly rowCount: number;
  readonly totalStrikes: number;
  readonly lotSize: number | null;
}

export interface ChainSlice {
  readonly selection: ChainSelection | null;
  readonly chain: ChainInfo;
  /** Switches to `selection` unless it is the one already chosen. */
  select(selection: ChainSelection): void;
  /** Switches underlying, to its nearest expiry. */
  chooseUnderlying(symbol: string): void;
  chooseExpiry(expiry: string): void;
  /** Moves to the next (+1) or previous (−1) underlying, wrapping around. */
  stepUnderlying(delta: 1 | -1): void;
  /** Moves to the next (+1) or previous (−1) expiry of the current underlying, wrapping around. */
  stepExpiry(delta: 1 | -1): void;
  /** Remembers the window and applies it to the current selection. */
  setStrikeWindow(strikeWindow: number): void;
  chainLoading(): void;
  chainLoaded(info: { rowCount: number; totalStrikes: number; lotSize: number }): void;
  chainFailed(error: ApiErrorPayload): void;
  /** Stores the chain's problem when it differs from the one shown. */
  chainProblem(problem: AppProblem | null): void;
}

const IDLE: ChainInfo = { status: 'idle', error: null, problem: null, rowCount: 0, totalStrikes: 0, lotSize: null };

export const createChainSlice: SliceCreator<ChainSlice> = (set, get) => {
  const underlyings = (): readonly UnderlyingSummary[] => get().appState?.skeleton?.underlyings ?? [];

  const select = (selection: ChainSelection): void => {
    if (sameSelection(get().selection, selection)) return;
    set({ selection });
  };

  const chooseUnderlying = (symbol: string): void => {
    const underlying = underlyings().find((u) => u.symbol === symbol);
    const nearest = underlying?.expiries[0];
    if (!underlying || !nearest) return;
    select({ underlying: symbol, expiry: nearest.expiry, strikeWindow: get().strikeWindow });
  };

  return {
    selection: null,
    chain: IDLE,
    select,
    chooseUnderlying,
    chooseExpiry: (expiry) => {
      const current = get().selection;
      if (current) select({ ...current, expiry });
    },
    stepUnderlying: (delta) => {
      const list = underlyings();
      if (list.length === 0) return;
      const index = list.findIndex((u) => u.symbol === get().selection?.underlying);
      const next = list[wrap(index + delta, list.length)];
      if (next) chooseUnderlying(next.symbol);
    },
    stepExpiry: (delta) => {
      const current = get().selection;
      const expiries = underlyings().find((u) => u.symbol === current?.underlying)?.expiries ?? [];
      if (!current || expiries.length === 0) return;
      const index = expiries.findIndex((e) => e.expiry === current.expiry);
      const next = expiries[wrap(index + delta, expiries.length)];
      if (next) select({ ...current, expiry: next.expiry });
    },
    setStrikeWindow: (strikeWindow) => {
      set({ strikeWindow });
      const current = get().selection;
      if (current) select({ ...current, strikeWindow });
    },
    chainLoading: () => set({ chain: { ...get().chain, status: 'loading', error: null } }),
    chainLoaded: ({ rowCount, totalStrikes, lotSize }) => {
      const chain = get().chain;
      if (chain.status === 'ready' && chain.rowCount === rowCount && chain.totalStrikes === totalStrikes && chain.lotSize === lotSize) return;
      set({ chain: { ...chain, status: 'ready', error: null, rowCount, totalStrikes, lotSize } });
    },
    chainFailed: (error) => set({ chain: { ...IDLE, status: 'failed', error } }),
    chainProblem: (problem) => {
      const chain = get().chain;
      if (sameProblem(chain.problem, problem)) return;
      set({ chain: { ...chain, problem } });
    },
  };
};

export function sameSelection(a: ChainSelection | null, b: ChainSelection | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.underlying === b.underlying && a.expiry === b.expiry && a.strikeWindow === b.strikeWindow;
}

function sameProblem(a: AppProblem | null, b: AppProblem | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.code === b.code && a.message === b.message && a.remedy === b.remedy && a.severity === b.severity;
}

function wrap(index: number, length: number): number {
  return ((index % length) + length) % length;
}
