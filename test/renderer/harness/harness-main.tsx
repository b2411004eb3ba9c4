/**
 * The harness page: a FakeEngine installed as window.chainlens (exactly where the Electron
 * preload puts the real API), a scenario from ?scenario=, and live batches at 4 per second.
 */
import '../../../src/renderer/src/styles/app.css';
import { API_GLOBAL_NAME } from '../../../src/shared/api/api-contract';
import { startApp } from '../../../src/renderer/src/bootstrap/start-app';
import { FakeEngine, fakeDiagnostics } from '../fake-api';
import { applyScenario, isScenario, streams } from './scenarios';

const requested = new URLSearchParams(window.location.search).get('scenario') ?? 'live';
const scenario = isScenario(requested) ? requested : 'live';
const engine = new FakeEngine({ mode: scenario === 'demo' ? 'demo' : 'live', nowMs: () => Date.now() });
applyScenario(engine, scenario, Date.now());
(window as unknown as Record<string, unknown>)[API_GLOBAL_NAME] = engine.api;

const container = document.getElementById('root');
if (!container) throw new Error('harness page has no #root');
startApp(window, container);

if (streams(scenario)) {
  let beat = 0;
  window.setInterval(() => {
    const batch = engine.batch({ count: 7 });
    engine.emit('chainBatch', batch);
    engine.pushTickLog(engine.tickLog(batch.rows));
    beat += 1;
    if (beat % 4 === 0) engine.emit('diagnostics', { ...fakeDiagnostics(engine.appState, Date.now()) });
  }, 250);
}
