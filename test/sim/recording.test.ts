import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeTicker } from '../../src/shared/feed/feed-encoder';
import { REQUEST_CODE } from '../../src/shared/feed/feed-layout';
import {
  RecordingParser,
  RecordingWriter,
  encodePreamble,
  encodeRecordHeader,
  readRecordingFile,
  recordingHeader,
  type RecordedFrame,
} from '../../src/sim';
import { FeedClient } from './helpers/feed-client';
import { advanceInSteps, settle, startTestSim, until, type TestSim } from './helpers/sim-fixture';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chainlens-rec-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const header = recordingHeader({ createdAtMs: 1_759_725_000_000, source: 'test', instruments: [{ segment: 'IDX_I', securityId: 13, mode: 'ticker' }] });
const frameA = encodeTicker({ segment: 0, securityId: 13, ltp: 25_000.5, lttEpochS: 1_759_745_000 });
const frameB = encodeTicker({ segment: 0, securityId: 13, ltp: 25_001.25, lttEpochS: 1_759_745_001 });

function fileBytes(frames: RecordedFrame[]): Uint8Array {
  return Buffer.concat([encodePreamble(header), ...frames.flatMap((f) => [encodeRecordHeader(f.bytes.length, f.arrivalMs), f.bytes])]);
}

describe('recording format', () => {
  it('lays out the preamble and a record byte for byte', () => {
    const preamble = encodePreamble(header);
    expect(Buffer.from(preamble.subarray(0, 8)).toString('latin1')).toBe('CLFEED01');
    const json = JSON.stringify(header);
    expect(Buffer.from(preamble.subarray(8, 12)).readUInt32LE(0)).toBe(json.length);
    expect(Buffer.from(preamble.subarray(12)).toString('utf8')).toBe(json);
    expect([...encodeRecordHeader(16, 1.5)]).toEqual([1, 0, 0, 0, 16, 0, 0, 0, ...Buffer.from(new Float64Array([1.5]).buffer)]);
  });

  it('parses a file pushed one byte at a time into the same header and frames', () => {
    const frames = [
      { arrivalMs: 1_759_725_000_000.25, bytes: frameA },
      { arrivalMs: 1_759_725_000_010.5, bytes: frameB },
    ];
    const bytes = fileBytes(frames);
    const parser = new RecordingParser();
    const out: RecordedFrame[] = [];
    for (let i = 0; i < bytes.length; i++) out.push(...parser.push(bytes.subarray(i, i + 1)));
    expect(parser.header).toEqual(header);
    expect(out).toEqual(frames);
    expect(parser.finish()).toEqual({ truncatedTailBytes: 0 });
  });

  it('keeps the complete frames of a file cut mid-record and reports the cut', () => {
    const bytes = fileBytes([
      { arrivalMs: 1, bytes: frameA },
      { arrivalMs: 2, bytes: frameB },
    ]);
    const parser = new RecordingParser();
    const out = parser.push(bytes.subarray(0, bytes.length - 5));
    expect(out.map((f) => f.arrivalMs)).toEqual([1]);
    expect(parser.finish()).toEqual({ truncatedTailBytes: 16 + frameB.length - 5 });
  });

  it('skips records of unknown kinds by their length', () => {
    const unknown = Buffer.concat([encodeRecordHeader(3, 5, 9), Buffer.from([1, 2, 3])]);
    const bytes = Buffer.concat([encodePreamble(header), unknown, encodeRecordHeader(frameA.length, 6), frameA]);
    const parser = new RecordingParser();
    expect(parser.push(bytes)).toEqual([{ arrivalMs: 6, bytes: frameA }]);
    expect(parser.skipped).toBe(1);
  });

  it('refuses a foreign file and a newer format version with RECORDING_UNREADABLE', () => {
    expect(() => new RecordingParser().push(Buffer.from('EXCH_ID,SEGMENT,SECURITY_ID\n'))).toThrow(expect.objectContaining({ code: 'RECORDING_UNREADABLE' }));
    const newer = encodePreamble({ ...header, formatVersion: 99 });
    expect(() => new RecordingParser().push(newer)).toThrow(expect.objectContaining({ code: 'RECORDING_UNREADABLE' }));
  });

  it('writes with RecordingWriter and reads back with readRecordingFile', async () => {
    const path = join(dir, 'roundtrip.clrec');
    const writer = await RecordingWriter.open(path, header);
    writer.append(frameA, 10);
    writer.append(frameB, 20);
    await writer.close();
    expect(writer.framesWritten).toBe(2);
    expect((await readFile(path)).length).toBe(writer.bytesWritten);
    const recording = await readRecordingFile(path);
    expect(recording).toEqual({
      header,
      frames: [
        { arrivalMs: 10, bytes: frameA },
        { arrivalMs: 20, bytes: frameB },
      ],
      truncatedTailBytes: 0,
      skippedRecords: 0,
    });
  });

  it('rejects a missing file and a truncated header with RECORDING_UNREADABLE', async () => {
    await expect(readRecordingFile(join(dir, 'missing.clrec'))).rejects.toMatchObject({ code: 'RECORDING_UNREADABLE' });
    const cut = join(dir, 'cut.clrec');
    await writeFile(cut, encodePreamble(header).subarray(0, 20));
    await expect(readRecordingFile(cut)).rejects.toMatchObject({ code: 'RECORDING_UNREADABLE' });
  });

  it('fails with RECORDING_FAILED when the file cannot be created', async () => {
    await expect(RecordingWriter.open(join(dir, 'no-such-dir', 'x.clrec'), header)).rejects.toMatchObject({ code: 'RECORDING_FAILED' });
  });
});

describe('record and replay', () => {
  const sims: TestSim[] = [];
  const clients: FeedClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    for (const s of sims.splice(0)) await s.sim.close();
  });

  async function session(options: Parameters<typeof startTestSim>[0]): Promise<{ t: TestSim; client: FeedClient; subscribe: () => void }> {
    const t = await startTestSim(options);
    sims.push(t);
    const client = await FeedClient.connect(t.feedUrl(), {}, () => t.clock.nowMs());
    clients.push(client);
    const strikes = t.sim.market.skeleton().underlyings[0]!.expiries[0]!.strikes.slice(145, 155);
    const subscribe = (): void => {
      client.subscribe(REQUEST_CODE.SUBSCRIBE_FULL, strikes.map((s) => ({ segment: 'NSE_FNO', securityId: s.ceSecurityId })));
      client.subscribe(REQUEST_CODE.SUBSCRIBE_TICKER, [{ segment: 'IDX_I', securityId: 13 }]);
    };
    return { t, client, subscribe };
  }

  async function recordFromSimulator(path: string): Promise<RecordedFrame[]> {
    const { t, client, subscribe } = await session({ ticksPerSecond: 500 });
    subscribe();
    await client.waitForFrames(22);
    await advanceInSteps(t, 2000, 250);
    await until(() => client.frames.length === t.sim.market.stats().feed.connections[0]!.framesSent);
    const writer = await RecordingWriter.open(path, recordingHeader({ createdAtMs: t.clock.nowMs(), source: 'chainlens-simulator', instruments: [] }));
    client.frames.forEach((frame, i) => writer.append(frame, client.arrivals[i]!));
    await writer.close();
    return client.frames.map((bytes, i) => ({ arrivalMs: client.arrivals[i]!, bytes }));
  }

  it('replays a recording made from the simulator to identical frames, on the recorded timeline', async () => {
    const path = join(dir, 'sim.clrec');
    const recorded = await recordFromSimulator(path);
    expect(recorded.length).toBeGreaterThan(40);
    const spanMs = recorded.at(-1)!.arrivalMs - recorded[0]!.arrivalMs;
    expect(spanMs).toBe(2000);

    const { t, client, subscribe } = await session({ replayFile: path });
    subscribe();
    await until(() => t.sim.market.stats().feed.connections[0]!.instruments === 11);
    t.scheduler.runDue();
    const dueAtStart = recorded.filter((f) => f.arrivalMs === recorded[0]!.arrivalMs).length;
    await client.waitForFrames(dueAtStart);
    await settle();
    expect(client.frames).toHaveLength(dueAtStart);
    const halfway = recorded.filter((f) => f.arrivalMs - recorded[0]!.arrivalMs <= 1000).length;
    await advanceInSteps(t, 1000, 1000);
    await client.waitForFrames(halfway);
    await settle();
    expect(client.frames).toHaveLength(halfway);
    await advanceInSteps(t, 1000, 1000);
    await client.waitForFrames(recorded.length);
    expect(Buffer.concat(client.frames).equals(Buffer.concat(recorded.map((f) => f.bytes)))).toBe(true);
    expect(client.frames.map((f) => f.length)).toEqual(recorded.map((f) => f.bytes.length));
  });

  it('replays ten times faster at speed 10 and sends nothing for unsubscribed instruments', async () => {
    const path = join(dir, 'fast.clrec');
    const recorded = await recordFromSimulator(path);
    const { t, client } = await session({ replayFile: path, replaySpeed: 10 });
    client.subscribe(REQUEST_CODE.SUBSCRIBE_TICKER, [{ segment: 'IDX_I', securityId: 13 }]);
    await until(() => t.sim.market.stats().feed.connections[0]!.instruments === 1);
    await advanceInSteps(t, 200, 200);
    const indexFrames = recorded.filter((f) => f.bytes[3] === 0 && Buffer.from(f.bytes).readUInt32LE(4) === 13);
    await client.waitForFrames(indexFrames.length);
    await settle();
    expect(Buffer.concat(client.frames).equals(Buffer.concat(indexFrames.map((f) => f.bytes)))).toBe(true);
  });
});
