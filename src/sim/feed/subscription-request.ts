/**
 * Parses the JSON text frames a client sends to the feed ({"RequestCode":15,"InstrumentCount":2,
 * "InstrumentList":[{"ExchangeSegment":"NSE_FNO","SecurityId":"35001"},…]}). Written here from
 * the protocol, not shared with the client's builder, so the simulator checks what the client sends.
 */
import { EXCHANGE_SEGMENT_CODE, isExchangeSegmentName } from '../../shared/feed/exchange-segment';
import { REQUEST_CODE } from '../../shared/feed/feed-layout';
import { MODE, type ModeCode } from '../market/packet-writer';

export interface RequestedInstrument {
  readonly segmentCode: number;
  readonly securityId: number;
}

export type FeedRequest =
  | { readonly kind: 'subscribe'; readonly mode: Exclude<ModeCode, 0>; readonly instruments: readonly RequestedInstrument[] }
  | { readonly kind: 'unsubscribe'; readonly mode: Exclude<ModeCode, 0>; readonly instruments: readonly RequestedInstrument[] }
  | { readonly kind: 'disconnect' }
  | { readonly kind: 'invalid'; readonly reason: string };

const MODE_BY_CODE: ReadonlyMap<number, { kind: 'subscribe' | 'unsubscribe'; mode: Exclude<ModeCode, 0> }> = new Map([
  [REQUEST_CODE.SUBSCRIBE_TICKER, { kind: 'subscribe', mode: MODE.TICKER }],
  [REQUEST_CODE.UNSUBSCRIBE_TICKER, { kind: 'unsubscribe', mode: MODE.TICKER }],
  [REQUEST_CODE.SUBSCRIBE_QUOTE, { kind: 'subscribe', mode: MODE.QUOTE }],
  [REQUEST_CODE.UNSUBSCRIBE_QUOTE, { kind: 'unsubscribe', mode: MODE.QUOTE }],
  [REQUEST_CODE.SUBSCRIBE_FULL, { kind: 'subscribe', mode: MODE.FULL }],
  [REQUEST_CODE.UNSUBSCRIBE_FULL, { kind: 'unsubscribe', mode: MODE.FULL }],
] as const);

const invalid = (reason: string): FeedRequest => ({ kind: 'invalid', reason });

/**
 * One request from a text frame. `SecurityId` is a string on the wire; a JSON number is also
 * accepted. `InstrumentCount` is informational: the list's length is what counts.
 */
export function parseFeedRequest(text: string): FeedRequest {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return invalid('not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return invalid('not a JSON object');
  const code = (body as { RequestCode?: unknown }).RequestCode;
  if (typeof code !== 'number' || !Number.isInteger(code)) return invalid('RequestCode missing or not an integer');
  if (code === REQUEST_CODE.DISCONNECT) return { kind: 'disconnect' };
  const meaning = MODE_BY_CODE.get(code);
  if (meaning === undefined) return invalid(`unsupported RequestCode ${code}`);
  const list = (body as { InstrumentList?: unknown }).InstrumentList;
  if (!Array.isArray(list)) return invalid('InstrumentList missing or not an array');
  const instruments: RequestedInstrument[] = [];
  for (const item of list) {
    const parsed = parseInstrument(item);
    if (parsed === null) return invalid('an InstrumentList entry lacks a valid ExchangeSegment or SecurityId');
    instruments.push(parsed);
  }
  return { ...meaning, instruments };
}

function parseInstrument(item: unknown): RequestedInstrument | null {
  if (typeof item !== 'object' || item === null) return null;
  const segment = (item as { ExchangeSegment?: unknown }).ExchangeSegment;
  const rawId = (item as { SecurityId?: unknown }).SecurityId;
  if (!isExchangeSegmentName(segment)) return null;
  const id = typeof rawId === 'string' && /^\d{1,10}$/.test(rawId) ? Number(rawId) : rawId;
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > 0xffffffff) return null;
  return { segmentCode: EXCHANGE_SEGMENT_CODE[segment], securityId: id };
}
