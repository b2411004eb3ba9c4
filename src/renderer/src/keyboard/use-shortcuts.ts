/** Installs the keyboard shortcuts on the window for the app's lifetime. */
import { useEffect } from 'react';
import { useServices } from '../store/store-context';
import { findShortcut, isTypingTarget } from './shortcuts';

export function useShortcuts(target: Window = window): void {
  const { store, stream } = useServices();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target) || store.getState().openPanel !== null) return;
      const shortcut = findShortcut(event.key);
      if (!shortcut) return;
      event.preventDefault();
      shortcut.run({ store, stream });
    };
    target.addEventListener('keydown', onKeyDown);
    return () => target.removeEventListener('keydown', onKeyDown);
  }, [store, stream, target]);
}
