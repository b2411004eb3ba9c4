/**
 * Runs one API operation for a button: tracks busy, keeps the value or the error (code,
 * message, remedy) for display, and never throws.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiErrorPayload, ApiResult } from '../../../shared/api/api-contract';
import { invokeSafely } from '../api/api-failure';

export interface ApiActionState<T> {
  readonly busy: boolean;
  /** True after the last run succeeded (its value may legitimately be null). */
  readonly succeeded: boolean;
  readonly value: T | null;
  readonly error: ApiErrorPayload | null;
}

const IDLE = { busy: false, succeeded: false, value: null, error: null } as const;

export function useApiAction<T, A extends unknown[]>(
  operation: (...args: A) => Promise<ApiResult<T>>,
): ApiActionState<T> & { run: (...args: A) => Promise<ApiResult<T>>; reset: () => void } {
  const [state, setState] = useState<ApiActionState<T>>(IDLE);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(
    async (...args: A): Promise<ApiResult<T>> => {
      setState({ busy: true, succeeded: false, value: null, error: null });
      const result = await invokeSafely('The call', () => operation(...args));
      if (mounted.current) {
        setState(result.ok ? { busy: false, succeeded: true, value: result.value, error: null } : { busy: false, succeeded: false, value: null, error: result.error });
      }
      return result;
    },
    [operation],
  );
  const reset = useCallback(() => setState(IDLE), []);
  return { ...state, run, reset };
}
