/**
 * The access token never leaves the process except in DhanHQ's headers and feed URL. A whole
 * session runs with recognisable canary tokens — startup, a REST snapshot, REST errors (DH-901,
 * an HTML page), feed disconnect 807, a handshake refused with 401, a wrong token typed by the
 * user, a new token saved, a feed recording, a support bundle exported — and then a doctor run. Everything the
 * app produced is scanned: every log line (memory and file), every event pushed to the UI,
 * every API result and error message, every file under the data folder (the support bundle
 * unzipped), the doctor's report, text and logs, and the simulator's own log.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/main/doctor/run-doctor';
import { createLogger, createMemoryLogger } from '../../src/main/logging/logger';
import { Redactor } from '../../src/main/logging/redactor';
import type { ApiResult } from '../../src/shared/api/api-contract';
import type { SupportBundleResult } from '../../src/shared/api/view-types';
import { createLineLogger, DEMO_CLIENT_ID, startSimulator, type SimulatorHandle } from '../../src/sim';
import { MemoryCredentialStore, waitFor } from '../fixtures/engine-harness';
import { startEngineOn, type EngineRun } from '../fixtures/engine-on-simulator';
import { FAST_FEED_TIMING } from '../fixtures/reliability-kit';
import { findLeaks, makeCanaryToken, plainCanary, readTree } from '../fixtures/secret-scan';

let sim: SimulatorHandle | null = null;
let run: EngineRun | null = null;
let logFile: WriteStream | null = null;
let dataDir: string | null = null;

afterEach(async () => {
  await run?.close();
  await sim?.close();
  if (logFile) await new Promise((resolve) => logFile!.end(resolve));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  run = null;
  sim = null;
  logFile = null;
  dataDir = null;
});

/** A debug-level logger writing (after redaction) both to `<logDir>/chainlens.log` and to memory. */
function fileAndMemoryLogger(logDir: string, redactor: Redactor): { logger: ReturnType<typeof createLogger>; lines: () => string[] } {
  logFile = createWriteStream(join(logDir, 'chainlens.log'));
  const file = logFile;
  const lines: string[] = [];
  const tee = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      const text = chunk.toString();
      lines.push(...text.split('\n').filter((l) => l.length > 0));
      // The file is closed mid-test to be scanned; lines logged after that stay in memory only.
      if (file.writableEnded) callback();
      else file.write(text, () => callback());
    },
  });
  return { logger: createLogger({ destination: tee, redactor, level: 'debug' }), lines: () => [...lines] };
}

describe('the access token never leaks', () => {
  it('from a whole session with faults, a support bundle and a doctor run', async () => {
    const canary = makeCanaryToken(DEMO_CLIENT_ID, Date.now(), 'A');
    const wrong = plainCanary('CHAINLENS-CANARY-WRONG-TOKEN-0042', 'wrong');
    const simLines: string[] = [];
    sim = await startSimulator({
      seed: 11,
      ticksPerSecond: 300,
      accessToken: canary.token,
      logger: createLineLogger((line) => simLines.push(line), { level: 'debug' }),
    });
    const s = sim;
    dataDir = await mkdtemp(join(tmpdir(), 'chainlens-secrecy-'));
    const logDir = join(dataDir, 'logs');
    await mkdir(logDir);
    const redactor = new Redactor();
    const log = fileAndMemoryLogger(logDir, redactor);
    const store = new MemoryCredentialStore();
    run = await startEngineOn(s, {
      dataDir,
      logDir,
      mode: 'live',
      env: { CHAINLENS_UNDERLYINGS: 'FINNIFTY' },
      log: { logger: log.logger, redactor, lines: log.lines },
      overrides: { credentialStore: store, marketHours: 'always-open', feedTiming: FAST_FEED_TIMING, batchIntervalMs: 50 },
    });
    const r = run;
    const engine = r.runtime.engine;
    const results: { method: string; result: ApiResult<unknown> }[] = [];
    const invoke = async (method: string, payload?: unknown): Promise<ApiResult<unknown>> => {
      const result = await r.session.invoke(method, payload);
      results.push({ method, result });
      return result;
    };
    const expiries = engine.appState().skeleton!.underlyings[0]!.expiries.map((e) => e.expiry);
    const snapshotSettled = (): boolean => ['done', 'failed'].includes(engine.appState().progress.find((p) => p.id === 'snapshot')!.state);

    // Startup and a healthy snapshot.
    await waitFor(() => engine.diagnostics().feed.state === 'live', 10_000, 'the feed');
    await invoke('getAppState');
    await invoke('getDiagnostics');
    // The diagnostics panel's tick log is open for the whole session: its pushes are scanned too.
    await invoke('watchTickLog', { watching: true });
    await invoke('selectChain', { underlying: 'FINNIFTY', expiry: expiries[0], strikeWindow: 0 });
    await waitFor(snapshotSettled, 10_000, 'the first snapshot');

    // REST errors: an HTML page, then DH-901 (after which the engine stops calling REST with the token).
    s.faults.setRestFault({ kind: 'html', times: 2 });
    await invoke('selectChain', { underlying: 'FINNIFTY', expiry: expiries[1], strikeWindow: 0 });
    await waitFor(() => engine.appState().progress.find((p) => p.id === 'snapshot')!.state === 'failed', 10_000, 'the HTML page');
    s.faults.setRestFault({ kind: 'auth-invalid', times: 3 });
    await invoke('selectChain', { underlying: 'FINNIFTY', expiry: expiries[2], strikeWindow: 0 });
    await waitFor(() => engine.appState().credentials.status === 'invalid', 10_000, 'the DH-901 re-check');
    s.faults.setRestFault(null);

    // Feed: 807, then a handshake refused with 401 on Reconnect.
    s.faults.disconnect(807);
    await waitFor(() => engine.diagnostics().feed.state === 'awaiting-token', 10_000, 'the 807');
    s.faults.rejectHandshakes(401, 1);
    await invoke('reconnectFeed');
    await waitFor(() => engine.diagnostics().disconnects.some((d) => d.code === 401), 10_000, 'the 401 handshake');

    // The user types a wrong token, then tests the canary, then saves a new token.
    await invoke('testCredentials', { clientId: s.clientId, accessToken: wrong.token });
    await invoke('saveCredentials', { clientId: s.clientId, accessToken: wrong.token });
    await invoke('testCredentials', { clientId: s.clientId, accessToken: canary.token });
    const fresh = plainCanary(s.faults.renewToken(), 'renewed');
    await invoke('saveCredentials', { clientId: s.clientId, accessToken: fresh.token });
    await waitFor(() => engine.diagnostics().feed.state === 'live', 10_000, 'the feed with the new token');
    s.faults.sendMalformed('truncated');

    // Support operations, and a second for the 1 Hz diagnostics push.
    const bundle = await invoke('exportSupportBundle');
    await invoke('startRecording');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await invoke('stopRecording');
    await invoke('openExternal', { url: 'https://web.dhan.co/' });
    await invoke('restartToUpdate');
    await invoke('getDiagnostics');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await r.close();
    await new Promise((resolve) => logFile!.end(resolve));
    logFile = null;

    // The doctor with the canary (now expired at the simulator) in its environment.
    const doctorRedactor = new Redactor();
    const doctorLog = createMemoryLogger(doctorRedactor, 'debug');
    const doctor = await runDoctor({
      env: { ...s.env(), DHAN_ACCESS_TOKEN: canary.token, CHAINLENS_UNDERLYINGS: 'FINNIFTY' },
      dataDir: join(dataDir, 'doctor'),
      watchSeconds: 1,
      log: { logger: doctorLog.logger, redactor: doctorRedactor },
      runtime: { credentialStore: new MemoryCredentialStore(), marketHours: 'always-open' },
    });

    const needles = { ...canary.needles, ...wrong.needles, ...fresh.needles };
    // The scan can find what it looks for: the credential store (the keychain's stand-in) holds the new token.
    expect(findLeaks('credential store', JSON.stringify(store.peek()), needles)).toEqual(['credential store: renewed token']);

    // The session really produced what is scanned.
    expect(bundle.ok).toBe(true);
    expect((bundle as { value: SupportBundleResult }).value.files).toEqual(['README.txt', 'diagnostics.json', 'app-state.json', 'logs/chainlens.log']);
    expect(r.events.map((e) => e.event)).toEqual(expect.arrayContaining(['appState', 'chainBatch', 'diagnostics', 'tickLog']));
    expect(results.filter((x) => !x.result.ok).map((x) => [x.method, (x.result as { error: { code: string } }).error.code])).toEqual(
      expect.arrayContaining([['restartToUpdate', 'UPDATE_FAILED']]),
    );
    expect(doctor.report.errors.length).toBeGreaterThan(0);
    expect(log.lines().length).toBeGreaterThan(20);

    const files = await readTree(dataDir);
    expect(files.some((f) => f.path.endsWith('.zip!logs/chainlens.log'))).toBe(true);
    expect(files.some((f) => f.path.includes(`${join('recordings', 'chainlens-feed-')}`) && f.path.endsWith('.clfeed'))).toBe(true);
    const leaks = [
      ...log.lines().flatMap((line, i) => findLeaks(`log line ${i}`, line, needles)),
      ...r.events.flatMap((e, i) => findLeaks(`event ${i} (${e.event})`, JSON.stringify(e.payload), needles)),
      ...results.flatMap((x, i) => findLeaks(`API result ${i} (${x.method})`, JSON.stringify(x.result), needles)),
      ...files.flatMap((f) => findLeaks(`file ${f.path.slice(dataDir!.length)}`, f.text, needles)),
      ...findLeaks('doctor report', JSON.stringify(doctor.report), needles),
      ...findLeaks('doctor text', doctor.text, needles),
      ...doctorLog.lines().flatMap((line, i) => findLeaks(`doctor log line ${i}`, line, needles)),
      ...simLines.flatMap((line, i) => findLeaks(`simulator log line ${i}`, line, needles)),
      ...findLeaks('diagnostics connection URLs', JSON.stringify(engine.diagnostics().feed.connections.map((c) => c.url)), needles),
    ];
    expect(leaks).toEqual([]);
  }, 90_000);
});
