/**
 * Underlying, expiry and strike-window pickers, from the skeleton the engine built out of the
 * instrument master (never a hard-coded list).
 */
import { useId } from 'react';
import type { UnderlyingSummary } from '../../../shared/api/view-types';
import { STRIKE_WINDOWS } from '../store/slices/ui-slice';
import { useAppStore } from '../store/store-context';
import { useRenderCount } from './use-render-count';

const EMPTY: readonly UnderlyingSummary[] = [];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2026-12-01 → "01 Dec 2026". */
export function formatExpiryDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  const name = MONTHS[Number(month) - 1];
  return year && name && day ? `${day} ${name} ${year}` : iso;
}

export function strikeWindowLabel(window: number): string {
  return window === 0 ? 'All strikes' : `±${window} strikes`;
}

export function ChainSelectors(): React.JSX.Element {
  useRenderCount('ChainSelectors');
  const underlyings = useAppStore((s) => s.appState?.skeleton?.underlyings ?? EMPTY);
  const selection = useAppStore((s) => s.selection);
  const strikeWindow = useAppStore((s) => s.strikeWindow);
  const chooseUnderlying = useAppStore((s) => s.chooseUnderlying);
  const chooseExpiry = useAppStore((s) => s.chooseExpiry);
  const setStrikeWindow = useAppStore((s) => s.setStrikeWindow);
  const ids = { underlying: useId(), expiry: useId(), window: useId() };
  const expiries = underlyings.find((u) => u.symbol === selection?.underlying)?.expiries ?? [];
  const disabled = underlyings.length === 0;

  return (
    <div className="selectors">
      <label htmlFor={ids.underlying} className="visually-hidden">
        Underlying
      </label>
      <select
        id={ids.underlying}
        data-testid="select-underlying"
        value={selection?.underlying ?? ''}
        disabled={disabled}
        onChange={(e) => chooseUnderlying(e.target.value)}
      >
        {!selection && <option value="">Underlying</option>}
        {underlyings.map((u) => (
          <option key={u.symbol} value={u.symbol}>
            {u.symbol}
          </option>
        ))}
      </select>
      <label htmlFor={ids.expiry} className="visually-hidden">
        Expiry
      </label>
      <select
        id={ids.expiry}
        data-testid="select-expiry"
        value={selection?.expiry ?? ''}
        disabled={expiries.length === 0}
        onChange={(e) => chooseExpiry(e.target.value)}
      >
        {!selection && <option value="">Expiry</option>}
        {expiries.map((e) => (
          <option key={e.expiry} value={e.expiry}>
            {formatExpiryDate(e.expiry)}
            {e.expiryFlag ? ` · ${e.expiryFlag}` : ''}
          </option>
        ))}
      </select>
      <label htmlFor={ids.window} className="visually-hidden">
        Strike window around ATM
      </label>
      <select id={ids.window} data-testid="select-strike-window" value={strikeWindow} onChange={(e) => setStrikeWindow(Number(e.target.value))}>
        {STRIKE_WINDOWS.map((w) => (
          <option key={w} value={w}>
            {strikeWindowLabel(w)}
          </option>
        ))}
      </select>
    </div>
  );
}
