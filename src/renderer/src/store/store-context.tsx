/**
 * React access to the per-window services (API, store, chain stream, clock). Created once by
 * the bootstrap, never at module level, so every test renders its own isolated app.
 */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppServices } from '../bootstrap/app-services';
import type { AppStoreState } from './store-types';

export const ServicesContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices needs a ServicesContext provider');
  return services;
}

/** An atomic selector on the UI store; the component re-renders only when its slice changes. */
export function useAppStore<T>(selector: (state: AppStoreState) => T): T {
  return useStore(useServices().store, selector);
}
