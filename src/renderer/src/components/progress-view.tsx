/**
 * Startup progress: every long step (instrument master download and parse, skeleton build,
 * first snapshot, feed connections) with its state, detail and a bar, so the window is never
 * frozen or blank while the engine works.
 */
import type { ProgressState, ProgressStep } from '../../../shared/api/view-types';
import { formatInteger } from '../util/format';
import { useAppStore } from '../store/store-context';

const STATE_WORDS: Readonly<Record<ProgressState, string>> = {
  pending: 'Waiting',
  running: 'In progress',
  done: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
};

const STATE_ICONS: Readonly<Record<ProgressState, string>> = {
  pending: '○',
  running: '◐',
  done: '✓',
  failed: '✕',
  skipped: '–',
};

export function ProgressList({ steps }: { readonly steps: readonly ProgressStep[] }): React.JSX.Element {
  return (
    <ol className="progress-list" aria-label="Startup steps">
      {steps.map((step) => {
        const fraction = step.total && step.total > 0 && step.done !== null ? Math.min(1, step.done / step.total) : null;
        return (
          <li key={step.id} className={`progress-step progress-step--${step.state}`} data-testid={`progress-${step.id}`}>
            <span className="progress-step__icon" aria-hidden="true">
              {STATE_ICONS[step.state]}
            </span>
            <span className="progress-step__label">{step.label}</span>
            <span className="progress-step__state">{STATE_WORDS[step.state]}</span>
            <span className="progress-step__detail">
              {step.detail || (step.done !== null ? `${formatInteger(step.done)}${step.total !== null ? ` of ${formatInteger(step.total)}` : ''}` : '')}
            </span>
            {step.state === 'running' && (
              <progress
                className="progress-step__bar"
                aria-label={`${step.label} progress`}
                {...(fraction !== null ? { value: fraction, max: 1 } : {})}
              />
            )}
          </li>
        );
      })}
    </ol>
  );
}

export function ProgressView(): React.JSX.Element {
  const steps = useAppStore((s) => s.appState?.progress ?? EMPTY);
  return (
    <section className="main-message progress-view" role="status" aria-live="polite" data-testid="startup-progress">
      <h2>Starting ChainLens</h2>
      <ProgressList steps={steps} />
    </section>
  );
}

const EMPTY: readonly ProgressStep[] = [];
