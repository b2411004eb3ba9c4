import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_METHODS, type ApiResult } from '../../../src/shared/api/api-contract';
import { REQUEST_SCHEMAS } from '../../../src/shared/api/api-schemas';
import type { WebSocket } from 'ws';
import { openApiSocket, startRig, waitFor, type Rig } from './serve-fixture';

type Frame = { id?: number; result?: ApiResult<unknown>; event?: string };
type Expectation = { readonly text: string; readonly binary?: boolean } & ({ readonly id: number; readonly code: string } | { readonly id: null });

const VOID_METHODS = INVOKE_METHODS.filter((m) => REQUEST_SCHEMAS[m].safeParse(null).success);
const PAYLOAD_METHODS = INVOKE_METHODS.filter((m) => !VOID_METHODS.includes(m));
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];

/** What JSON makes of a value: the shape the server actually receives. */
const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null') as unknown;
const isJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** Engine state without the fields that move with the clock (timestamps and ages). */
function stableState(rig: Rig): string {
  return JSON.stringify(rig.runtime.engine.appState(), (key, value: unknown) => (/(Ms|AgeMs|AtMs)$/.test(key) ? undefined : value));
}

const id = fc.integer({ min: 1, max: 2 ** 40 });

const notJson: fc.Arbitrary<Expectation> = fc
  .oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom('{', '{"id":1,', 'undefined', "{'id':1}", '\u0000', '[1,2'))
  .filter((text) => !isJson(text))
  .map((text) => ({ text, id: null }));

const wrongEnvelope: fc.Arbitrary<Expectation> = fc.oneof(
  fc.record({ id, method: fc.oneof(fc.integer(), fc.constant(null), fc.array(fc.string()), fc.dictionary(fc.string(), fc.integer()), fc.constant('')) }).map(({ id, method }) => ({
    text: JSON.stringify({ id, method, request: null }),
    id,
    code: 'API_BAD_REQUEST',
  })),
  fc.record({ id, extra: fc.constantFrom('__proto__', 'constructor', 'extra', 'payload'), value: fc.jsonValue() }).map(({ id, extra, value }) => ({
    text: `{"id":${id},"method":"getAppState","request":null,${JSON.stringify(extra)}:${JSON.stringify(value) ?? 'null'}}`,
    id,
    code: 'API_BAD_REQUEST',
  })),
  fc.record({ id, method: fc.string({ minLength: 65, maxLength: 5000 }) }).map(({ id, method }) => ({
    text: JSON.stringify({ id, method, request: null }),
    id,
    code: 'API_BAD_REQUEST',
  })),
);

const unusableId: fc.Arbitrary<Expectation> = fc
  .oneof(fc.constant(-1), fc.constant(1.5), fc.constant('7'), fc.constant(null), fc.constant(2 ** 60), fc.constant({ n: 1 }), fc.constant([1]))
  .map((badId) => ({ text: JSON.stringify({ id: badId, method: 'getAppState', request: null }), id: null }));

const unknownMethod: fc.Arbitrary<Expectation> = fc
  .record({
    id,
    method: fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.string({ minLength: 1, maxLength: 64 }).filter((m) => !(INVOKE_METHODS as readonly string[]).includes(m))),
    request: fc.jsonValue(),
  })
  .map(({ id, method, request }) => ({ text: JSON.stringify({ id, method, request }), id, code: 'API_UNKNOWN_METHOD' }));

const badPayload: fc.Arbitrary<Expectation> = fc.oneof(
  fc
    .record({ id, method: fc.constantFrom(...PAYLOAD_METHODS), request: fc.oneof(fc.jsonValue(), fc.record({ underlying: fc.string({ maxLength: 20_000 }), expiry: fc.string(), strikeWindow: fc.double() })) })
    .filter(({ method, request }) => !REQUEST_SCHEMAS[method].safeParse(overTheWire(request)).success),
  fc.record({ id, method: fc.constantFrom(...VOID_METHODS), request: fc.jsonValue().filter((v) => v !== null) }),
).map(({ id, method, request }) => ({ text: JSON.stringify({ id, method, request }), id, code: 'API_BAD_REQUEST' }));

/** Classic prototype-pollution payloads, inside a request and at the top of the frame. */
const POLLUTION: readonly Expectation[] = [
  { text: '{"id":101,"method":"selectChain","request":{"underlying":"NIFTY","expiry":"2030-01-01","strikeWindow":1,"__proto__":{"polluted":"yes"}}}', id: 101, code: 'API_BAD_REQUEST' },
  { text: '{"id":102,"method":"selectChain","request":{"__proto__":{"polluted":"yes"}}}', id: 102, code: 'API_BAD_REQUEST' },
  { text: '{"id":103,"method":"saveCredentials","request":{"constructor":{"prototype":{"polluted":"yes"}}}}', id: 103, code: 'API_BAD_REQUEST' },
  { text: '{"id":104,"method":"getAppState","request":{"__proto__":{"polluted":"yes"}}}', id: 104, code: 'API_BAD_REQUEST' },
  { text: '{"id":105,"method":"__proto__","request":{"polluted":"yes"}}', id: 105, code: 'API_UNKNOWN_METHOD' },
  { text: '{"id":106,"method":"constructor","request":{"prototype":{"polluted":"yes"}}}', id: 106, code: 'API_UNKNOWN_METHOD' },
  { text: '{"__proto__":{"polluted":"yes"},"id":107,"method":"getAppState","request":null}', id: 107, code: 'API_BAD_REQUEST' },
  { text: '{"constructor":{"prototype":{"polluted":"yes"}},"id":108,"method":"getAppState","request":null}', id: 108, code: 'API_BAD_REQUEST' },
  { text: '{"__proto__":{"id":109,"method":"getAppState","request":null}}', id: null },
];

describe('the browser-mode WebSocket refuses malformed frames', () => {
  let rig: Rig;
  let socket: WebSocket;
  let frames: string[];
  let before: string;

  beforeAll(async () => {
    // Without credentials nothing moves on its own, so any change to the state came from a frame.
    rig = await startRig({ credentials: 'missing' });
    ({ socket, frames } = await openApiSocket(rig));
    before = stableState(rig);
  });
  afterAll(() => rig.close());

  /** Sends one frame and checks the server's answer, or that it counted a frame it cannot answer. */
  async function check(expectation: Expectation): Promise<void> {
    const start = frames.length;
    const unanswerable = rig.server.api.counters.unanswerable;
    socket.send(expectation.text, { binary: expectation.binary ?? false });
    if (expectation.id === null) {
      await waitFor(() => rig.server.api.counters.unanswerable === unanswerable + 1, 'the frame to be counted');
    } else {
      const answer = await waitFor(
        () => frames.slice(start).map((f) => JSON.parse(f) as Frame).find((f) => f.id === expectation.id),
        `the answer to ${expectation.text.slice(0, 80)}`,
      );
      expect(answer.result?.ok).toBe(false);
      expect(answer.result && !answer.result.ok ? answer.result.error.code : null).toBe(expectation.code);
    }
  }

  async function socketStillAnswers(): Promise<void> {
    await check({ text: JSON.stringify({ id: 999_999, method: 'getAppState', request: { unexpected: true } }), id: 999_999, code: 'API_BAD_REQUEST' });
    const start = frames.length;
    socket.send(JSON.stringify({ id: 1_000_000, method: 'getAppState', request: null }));
    const ok = await waitFor(() => frames.slice(start).map((f) => JSON.parse(f) as Frame).find((f) => f.id === 1_000_000), 'a healthy answer');
    expect(ok.result?.ok).toBe(true);
  }

  it.each([
    ['text that is not JSON', notJson, 60],
    ['envelopes with wrong types or extra keys', wrongEnvelope, 60],
    ['ids that cannot be answered', unusableId, 20],
    ['unknown methods, prototype names included', unknownMethod, 60],
    ['known methods with wrong, huge or unexpected payloads', badPayload, 80],
  ] as const)('%s: refused with a typed error or counted, the socket survives and the engine state is unchanged', async (_name, arbitrary, numRuns) => {
    await fc.assert(fc.asyncProperty(arbitrary, check), { numRuns });
    await socketStillAnswers();
    expect(stableState(rig)).toBe(before);
  });

  it('refuses prototype-pollution payloads and pollutes nothing', async () => {
    for (const expectation of POLLUTION) await check(expectation);
    await check({ text: 'binary', binary: true, id: null });
    await socketStillAnswers();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(stableState(rig)).toBe(before);
    expect(rig.logLines().some((l) => l.includes('unanswerable API frame dropped'))).toBe(true);
  });

  it('closes a socket that sends a frame over 256 KiB with 1009, and a new socket works', async () => {
    const { socket: victim } = await openApiSocket(rig);
    const closed = new Promise<number>((resolve) => victim.once('close', (code) => resolve(code)));
    const errors = rig.server.api.counters.protocolErrors;
    victim.send(JSON.stringify({ id: 1, method: 'selectChain', request: { underlying: 'N'.repeat(300 * 1024), expiry: '2030-01-01', strikeWindow: 1 } }));
    expect(await closed).toBe(1009);
    await waitFor(() => rig.server.api.counters.protocolErrors === errors + 1, 'the protocol error to be counted');
    await socketStillAnswers();
    expect(stableState(rig)).toBe(before);
  });
});
