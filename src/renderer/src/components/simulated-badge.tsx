import { useAppStore } from '../store/store-context';
import { useRenderCount } from './use-render-count';

/** Shown on every screen in demo mode: nothing here is a real market price. */
export function SimulatedBadge(): React.JSX.Element | null {
  useRenderCount('SimulatedBadge');
  const demo = useAppStore((s) => s.appState?.mode === 'demo');
  if (!demo) return null;
  return (
    <span className="simulated-badge" data-testid="simulated-badge" role="status" title="Demo mode: prices come from the built-in simulated market, not from DhanHQ">
      SIMULATED
    </span>
  );
}
