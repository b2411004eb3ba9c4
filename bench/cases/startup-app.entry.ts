/**
 * The startup benchmark's app: only the app's own startup path in the bundle (no simulator,
 * no benchmark harness), so process start-up costs what the app's would. Reads
 * { env, dataDir } as JSON from argv[2], runs createAppRuntime().start(), and reports the
 * verified skeleton as one JSON line on stdout, then exits.
 */
import { startEngineHost } from '../workloads/engine-host';

async function main(): Promise<void> {
  const { env, dataDir } = JSON.parse(process.argv[2] ?? '{}') as {
    env: Record<string, string>;
    dataDir: string;
  };
  const host = await startEngineHost({ env, dataDir, openChain: false });
  const verifiedAtMs = Date.now();
  const state = host.runtime.engine.appState();
  const step = state.progress.find((p) => p.id === 'skeleton');
  const counts = host.runtime.engine.diagnostics().skeleton;
  await host.close();
  process.stdout.write(
    `${JSON.stringify({ verifiedAtMs, verified: step?.state === 'done', detail: step?.detail ?? '', counts, source: state.instrumentMaster.source })}\n`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
