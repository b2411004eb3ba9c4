/**
 * Text that follows a LiveValue by writing the DOM directly: a new chain summary (several a
 * second) changes the header without a React render.
 */
import { useEffect, useRef } from 'react';
import type { LiveValue } from '../chain/live-value';

export interface LiveTextProps<T> {
  readonly source: LiveValue<T>;
  /** Turns the value into the text shown; must be a stable function. */
  readonly format: (value: T) => string;
  /** Optional data-state attribute from the value (for styling, e.g. up/down). */
  readonly state?: (value: T) => string | undefined;
  readonly className?: string;
  readonly testId?: string;
}

export function LiveText<T>({ source, format, state, className, testId }: LiveTextProps<T>): React.JSX.Element {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const write = (value: T): void => {
      const text = format(value);
      if (element.textContent !== text) element.textContent = text;
      const next = state?.(value);
      if (next === undefined) delete element.dataset.state;
      else if (element.dataset.state !== next) element.dataset.state = next;
    };
    write(source.get());
    return source.subscribe(write);
  }, [source, format, state]);
  return <span ref={ref} className={className} data-testid={testId} />;
}
