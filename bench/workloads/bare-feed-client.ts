/**
 * The end-to-end baseline: plain `ws` sockets subscribed to the same instruments in the same
 * modes as the engine (the engine's own planner on the same skeleton, with the simulator's
 * spots), receiving every frame and doing nothing with it but counting. Given a `consumer`,
 * every frame also goes to it (the benchmark's decomposition: the same sockets plus only the
 * engine's per-packet path).
 */
import { Readable } from 'node:stream';
import WebSocket from 'ws';
import { assignSubscriptions, DHAN_FEED_POOL_LIMITS } from '../../src/main/dhan/feed-assignment';
import { subscriptionMessages } from '../../src/main/dhan/feed-subscription';
import { buildFeedUrl } from '../../src/main/dhan/feed-url';
import { istDateOf } from '../../src/main/dhan/market-hours';
import { parseScripMaster } from '../../src/main/dhan/scrip-master-parser';
import { planSubscriptions } from '../../src/main/engine/subscription-planner';
import { DEFAULT_UNDERLYINGS, type InstrumentRef } from '../../src/shared/model/instruments';
import { buildSkeleton } from '../../src/shared/model/skeleton-builder';

/** Receives every binary frame; built once the subscribed instruments are known. */
export interface FrameConsumer {
  onFrame(bytes: Uint8Array): void;
  close(): void;
}
export type FrameConsumerFactory = (instruments: readonly InstrumentRef[]) => FrameConsumer;

export interface BareClient {
  readonly counts: { frames: number; bytes: number };
  readonly sockets: number;
  readonly instruments: number;
  close(): Promise<void>;
}

/** Subscribes like the engine would with its default chain in focus; resolves once every socket is open and subscribed. */
export async function startBareClient(
  env: Record<string, string>,
  spots: Readonly<Record<string, number | null>>,
  consumerFactory?: FrameConsumerFactory,
): Promise<BareClient> {
  const response = await fetch(env.DHAN_SCRIP_MASTER_URL as string);
  if (!response.ok || response.body === null)
    throw new Error(`scrip master download answered ${response.status}`);
  const parsed = await parseScripMaster(Readable.fromWeb(response.body as never), {
    underlyings: DEFAULT_UNDERLYINGS,
  });
  const skeleton = buildSkeleton(parsed.data, {
    underlyings: DEFAULT_UNDERLYINGS,
    minExpiry: istDateOf(Date.now()),
  });
  const nifty = skeleton.underlyings.find((u) => u.symbol === 'NIFTY') ?? skeleton.underlyings[0];
  const expiry = nifty?.expiries[0];
  if (!nifty || !expiry) throw new Error('the skeleton has no chain to focus on');
  const plan = planSubscriptions(
    skeleton,
    { underlying: nifty.symbol, expiry: expiry.expiry },
    (symbol) => spots[symbol] ?? null,
    {
      budget: 25_000,
    },
  );
  const assignment = assignSubscriptions(new Map(), new Set(), plan.subscriptions, DHAN_FEED_POOL_LIMITS);
  const url = buildFeedUrl(env.DHAN_FEED_URL as string, {
    clientId: env.DHAN_CLIENT_ID as string,
    accessToken: env.DHAN_ACCESS_TOKEN as string,
  });
  const consumer = consumerFactory?.(assignment.slots.flatMap((slot) => [...slot.values()])) ?? null;
  const counts = { frames: 0, bytes: 0 };
  const sockets: WebSocket[] = [];
  await Promise.all(
    assignment.slots
      .filter((slot) => slot.size > 0)
      .map(
        (slot) =>
          new Promise<void>((resolve, reject) => {
            const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 16 * 1024 * 1024 });
            sockets.push(socket);
            socket.on(
              'message',
              // Without a consumer the handler is exactly the baseline's: not even a null check per message.
              consumer === null
                ? (data: Buffer) => {
                    counts.frames++;
                    counts.bytes += data.length;
                  }
                : (data: Buffer) => {
                    counts.frames++;
                    counts.bytes += data.length;
                    consumer.onFrame(data);
                  },
            );
            socket.once('error', reject);
            socket.once('open', () => {
              for (const message of subscriptionMessages(new Map(), slot)) socket.send(message);
              resolve();
            });
          }),
      ),
  );
  return {
    counts,
    sockets: sockets.length,
    instruments: assignment.slotOf.size,
    async close() {
      consumer?.close();
      await Promise.all(
        sockets.map(
          (s) =>
            new Promise<void>((resolve) => {
              if (s.readyState === WebSocket.CLOSED) return resolve();
              s.once('close', () => resolve());
              s.terminate();
            }),
        ),
      );
    },
  };
}
