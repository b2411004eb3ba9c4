// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_NOW_MS } from './fake-api';
import { applyScenario } from './harness/scenarios';
import { renderApp, settle } from './helpers';

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
  delete document.documentElement.dataset.mode;
});

describe('SIMULATED badge', () => {
  it('marks the header in demo mode and frames the window', async () => {
    await renderApp({ mode: 'demo' });
    const badge = within(screen.getByTestId('header-strip')).getByTestId('simulated-badge');
    expect([badge.textContent, badge.getAttribute('role')]).toEqual(['SIMULATED', 'status']);
    expect(document.documentElement.dataset.mode).toBe('demo');
  });

  it('stays in view, outside the dialog layer, while any dialog is open', async () => {
    await renderApp({ mode: 'demo' });
    for (const opener of ['open-diagnostics', 'open-credentials', 'open-help', 'open-columns']) {
      fireEvent.click(screen.getByTestId(opener));
      await settle();
      const badge = screen.getByTestId('simulated-badge');
      expect(badge.closest('[role="dialog"]')).toBeNull();
      expect(screen.getAllByRole('dialog').length).toBe(1);
      fireEvent.click(screen.getByTestId('modal-close'));
      await settle();
    }
  });

  it('stays on empty and error screens too', async () => {
    await renderApp({ mode: 'demo', prepare: (engine) => applyScenario(engine, 'master-failed', FAKE_NOW_MS) });
    expect(screen.getByTestId('problem-MASTER_DOWNLOAD_FAILED')).toBeTruthy();
    expect(screen.getByTestId('simulated-badge').textContent).toBe('SIMULATED');
  });

  it('is absent with a live DhanHQ account', async () => {
    await renderApp({ mode: 'live' });
    expect(screen.queryByTestId('simulated-badge')).toBeNull();
    expect(document.documentElement.dataset.mode).toBe('live');
  });
});
