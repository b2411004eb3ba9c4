/**
 * Counts renders of our own components when the services carry a counter (tests, profiling);
 * a no-op otherwise. Lets a test prove that a tick batch re-renders none of them, which a
 * Profiler around the app cannot show because AG Grid's cells commit inside the same tree.
 */
import { useServices } from '../store/store-context';

export function useRenderCount(component: string): void {
  useServices().countRender?.(component);
}
