/**
 * The engine's active problems (AppState.problems) that the main area is not already showing,
 * errors first. A long list is cut at three, with the rest one click away in Diagnostics.
 */
import type { AppProblem } from '../../../shared/errors/app-error';
import type { ErrorCode } from '../../../shared/errors/error-catalog';
import { useAppStore } from '../store/store-context';
import { ProblemNotice } from './problem-notice';
import { useRenderCount } from './use-render-count';

const EMPTY: readonly AppProblem[] = [];
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;
const SHOWN_AT_MOST = 3;

export function ProblemsBar({ exclude }: { readonly exclude: ReadonlySet<ErrorCode> }): React.JSX.Element | null {
  useRenderCount('ProblemsBar');
  const problems = useAppStore((s) => s.appState?.problems ?? EMPTY);
  const showPanel = useAppStore((s) => s.showPanel);
  const visible = problems.filter((p) => !exclude.has(p.code)).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  if (visible.length === 0) return null;
  const hidden = visible.length - SHOWN_AT_MOST;
  return (
    <section className="problems-bar" aria-label="Active problems" data-testid="problems-bar">
      {visible.slice(0, SHOWN_AT_MOST).map((problem) => (
        <ProblemNotice key={problem.code} problem={problem} variant="banner" />
      ))}
      {hidden > 0 && (
        <button type="button" className="btn btn--link" onClick={() => showPanel('diagnostics')}>
          {hidden} more in Diagnostics
        </button>
      )}
    </section>
  );
}
