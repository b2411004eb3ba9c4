import { describe, expect, it } from 'vitest';
import {
  DISCONNECT_MESSAGE,
  buildSubscribeMessages,
  buildUnsubscribeMessages,
  modeOfRequestCode,
} from '../../../src/shared/feed/subscription-messages';
import type { SubscriptionInstrument } from '../../../src/shared/feed/subscription-messages';

const instruments = (count: number): SubscriptionInstrument[] =>
  Array.from({ length: count }, (_, i) => ({ segment: 'NSE_FNO' as const, securityId: 40000 + i }));

describe('subscription messages', () => {
  it('writes the documented JSON with SecurityId as a string and the segment name', () => {
    expect(
      buildSubscribeMessages('ticker', [
        { segment: 'NSE_EQ', securityId: 1333 },
        { segment: 'BSE_EQ', securityId: 532540 },
      ]),
    ).toEqual([
      '{"RequestCode":15,"InstrumentCount":2,"InstrumentList":[{"ExchangeSegment":"NSE_EQ","SecurityId":"1333"},{"ExchangeSegment":"BSE_EQ","SecurityId":"532540"}]}',
    ]);
  });

  it('uses request codes 15/17/21 to subscribe and 16/18/22 to unsubscribe', () => {
    const code = (message: string | undefined): number => (JSON.parse(message ?? '{}') as { RequestCode: number }).RequestCode;
    const one = instruments(1);
    expect([code(buildSubscribeMessages('ticker', one)[0]), code(buildSubscribeMessages('quote', one)[0]), code(buildSubscribeMessages('full', one)[0])]).toEqual([15, 17, 21]);
    expect([code(buildUnsubscribeMessages('ticker', one)[0]), code(buildUnsubscribeMessages('quote', one)[0]), code(buildUnsubscribeMessages('full', one)[0])]).toEqual([16, 18, 22]);
    expect([15, 16, 17, 18, 21, 22, 12, 19].map(modeOfRequestCode)).toEqual(['ticker', 'ticker', 'quote', 'quote', 'full', 'full', null, null]);
  });

  it('chunks 250 instruments into messages of 100, 100 and 50 in order', () => {
    const messages = buildSubscribeMessages('full', instruments(250)).map(
      (m) => JSON.parse(m) as { InstrumentCount: number; InstrumentList: { SecurityId: string }[] },
    );
    expect(messages.map((m) => m.InstrumentCount)).toEqual([100, 100, 50]);
    expect(messages.map((m) => m.InstrumentList.length)).toEqual([100, 100, 50]);
    expect(messages[1]?.InstrumentList[0]?.SecurityId).toBe('40100');
    expect(messages[2]?.InstrumentList[49]?.SecurityId).toBe('40249');
  });

  it('sends nothing for no instruments', () => {
    expect(buildSubscribeMessages('quote', [])).toEqual([]);
  });

  it('disconnects with request code 12', () => {
    expect(DISCONNECT_MESSAGE).toBe('{"RequestCode":12}');
  });
});
