import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordingStatus } from '../../../src/shared/api/view-types';
import { RecordingParser } from '../../../src/shared/feed/recording-format';
import { readRecordingFile, startSimulator } from '../../../src/sim';
import { startHarness, waitFor, type Harness } from '../../fixtures/engine-harness';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('recording the live feed', () => {
  it('writes every received frame with its arrival time, and the simulator replays them as recorded', async () => {
    harness = await startHarness({ sim: { ticksPerSecond: 400 } });
    const h = harness;
    const selection = h.runtime.engine.appState().defaultSelection!;
    await h.session.invoke('selectChain', { ...selection, strikeWindow: 5 });
    await waitFor(() => h.runtime.engine.diagnostics().feed.packetsTotal > 0, 10_000, 'feed packets');
    const started = await h.session.invoke('startRecording', null);
    expect(started.ok && (started.value as RecordingStatus).recording).toBe(true);
    const framesBefore = h.runtime.engine.feedIngest()!.framesReceived;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const stopped = await h.session.invoke('stopRecording', null);
    if (!stopped.ok) throw new Error(stopped.error.message);
    const status = stopped.value as RecordingStatus;
    const framesDuring = h.runtime.engine.feedIngest()!.framesReceived - framesBefore;
    expect(status.recording).toBe(false);
    expect(status.frames).toBeGreaterThan(100);
    // Frames keep arriving between the two counter reads and the stop; the file holds those between.
    expect(Math.abs(status.frames - framesDuring)).toBeLessThanOrEqual(5);

    const bytes = new Uint8Array(await readFile(status.path!));
    expect(bytes.length).toBe(status.bytes);
    const parser = new RecordingParser();
    const frames = parser.push(bytes);
    expect(parser.finish()).toEqual({ truncatedTailBytes: 0 });
    expect(frames).toHaveLength(status.frames);
    expect(parser.header).toMatchObject({ protocol: 'dhanhq-live-market-feed', protocolVersion: 2, source: 'chainlens' });
    expect(parser.header!.instruments.length).toBe(h.runtime.engine.diagnostics().subscriptions.planned);
    for (let i = 1; i < frames.length; i++) expect(frames[i]!.arrivalMs).toBeGreaterThanOrEqual(frames[i - 1]!.arrivalMs);

    // The simulator reads the app's recording back.
    const recording = await readRecordingFile(status.path!);
    expect(recording.frames).toHaveLength(status.frames);
    const replay = await startSimulator({ replayFile: status.path!, replaySpeed: 100 });
    await replay.close();
  });
});
