/**
 * How every problem is shown: its stable code, what happened, and what to do. Errors are
 * announced (role="alert"), warnings and notes are polite (role="status"). The test id is
 * `problem-<CODE>` so end-to-end tests can find each state.
 */
import type { ReactNode } from 'react';
import type { ApiErrorPayload } from '../../../shared/api/api-contract';
import { problemOf, type AppProblem } from '../../../shared/errors/app-error';
import { isErrorCode } from '../../../shared/errors/error-catalog';

export interface ProblemNoticeProps {
  readonly problem: AppProblem;
  /** 'panel' fills the empty grid area; 'banner' is one dense line-pair above content. */
  readonly variant?: 'panel' | 'banner' | 'inline';
  /** Buttons that act on the remedy (open credentials, reconnect…). */
  readonly children?: ReactNode;
  /** Test id prefix; default "problem". Dialogs use their own so an id stays unique on screen. */
  readonly testIdPrefix?: string;
}

export function ProblemNotice({ problem, variant = 'inline', children, testIdPrefix = 'problem' }: ProblemNoticeProps): React.JSX.Element {
  return (
    <div
      className={`problem problem--${problem.severity} problem--${variant}`}
      role={problem.severity === 'error' ? 'alert' : 'status'}
      data-testid={`${testIdPrefix}-${problem.code}`}
    >
      <div className="problem__head">
        <span className="problem__severity" aria-hidden="true">
          {problem.severity === 'error' ? '✕' : problem.severity === 'warning' ? '!' : 'i'}
        </span>
        <span className="problem__title">{problem.title}</span>
        <code className="problem__code">{problem.code}</code>
      </div>
      {problem.message !== problem.title && <p className="problem__message">{problem.message}</p>}
      <p className="problem__remedy">
        <span className="problem__remedy-label">What to do: </span>
        {problem.remedy}
      </p>
      {children && <div className="problem__actions">{children}</div>}
    </div>
  );
}

/** A failed API call as a problem: the catalogue gives the title and severity. */
export function problemFromError(error: ApiErrorPayload): AppProblem {
  if (!isErrorCode(error.code)) {
    return { code: 'API_INTERNAL', severity: 'error', title: 'Unexpected error', message: `${error.code}: ${error.message}`, remedy: error.remedy };
  }
  return { ...problemOf(error.code, error.message), remedy: error.remedy };
}

/** A failed API call, shown like any problem. */
export function ErrorNotice({ error, children }: { readonly error: ApiErrorPayload; readonly children?: ReactNode }): React.JSX.Element {
  return (
    <ProblemNotice problem={problemFromError(error)} testIdPrefix="error">
      {children}
    </ProblemNotice>
  );
}
