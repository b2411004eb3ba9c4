import { describe, expect, it } from 'vitest';
import { assignSubscriptions } from '../../../src/main/dhan/feed-assignment';
import {
  subscriptionKey,
  subscriptionMessages,
  type FeedSubscription,
} from '../../../src/main/dhan/feed-subscription';

const sub = (
  securityId: number,
  mode: FeedSubscription['mode'] = 'quote',
  segment: FeedSubscription['segment'] = 'NSE_FNO',
): FeedSubscription => ({
  segment,
  securityId,
  mode,
});
const ids = (n: number, from = 1): FeedSubscription[] => Array.from({ length: n }, (_, i) => sub(from + i));
const limits = { maxConnections: 3, instrumentsPerConnection: 4 };
const sizes = (slots: readonly ReadonlyMap<number, FeedSubscription>[]): number[] => slots.map((s) => s.size);

describe('assigning instruments to connections', () => {
  it('fills slot by slot in list order', () => {
    const a = assignSubscriptions(new Map(), new Set(), ids(10), limits);
    expect(sizes(a.slots)).toEqual([4, 4, 2]);
    expect([...a.slots[2]!.values()].map((s) => s.securityId)).toEqual([9, 10]);
    expect(a.rejected).toEqual([]);
  });

  it('rejects what exceeds connections × instruments, keeping the list order as priority', () => {
    const a = assignSubscriptions(new Map(), new Set(), ids(14), limits);
    expect(sizes(a.slots)).toEqual([4, 4, 4]);
    expect(a.rejected.map((r) => [r.subscription.securityId, r.reason])).toEqual([
      [13, 'limit'],
      [14, 'limit'],
    ]);
  });

  it('keeps instruments where they are and puts newcomers in connections already in use first', () => {
    const first = assignSubscriptions(new Map(), new Set(), ids(6), limits); // [1..4] [5,6]
    // 1 and 2 go away; 7, 8, 9 arrive; slots 0 and 1 are in use.
    const next = assignSubscriptions(first.slotOf, new Set([0, 1]), [...ids(4, 3), ...ids(3, 7)], limits);
    expect([...next.slots[0]!.values()].map((s) => s.securityId)).toEqual([3, 4, 7, 8]);
    expect([...next.slots[1]!.values()].map((s) => s.securityId)).toEqual([5, 6, 9]);
    expect(sizes(next.slots)).toEqual([4, 3, 0]);
  });

  it('fills a slot in use before a lower-numbered unused one', () => {
    const previous = new Map([[subscriptionKey(sub(1)), 2]]);
    const a = assignSubscriptions(previous, new Set([2]), ids(6), limits);
    expect(sizes(a.slots)).toEqual([2, 0, 4]);
  });

  it('rejects invalid security ids and ignores repeats (the first wins)', () => {
    const a = assignSubscriptions(
      new Map(),
      new Set(),
      [sub(1), sub(0), sub(1.5), sub(1, 'full'), sub(1, 'quote', 'BSE_FNO')],
      limits,
    );
    expect(a.rejected.map((r) => [r.subscription.securityId, r.reason])).toEqual([
      [0, 'invalid'],
      [1.5, 'invalid'],
    ]);
    expect(a.duplicates).toBe(1);
    expect([...a.slots[0]!.values()]).toEqual([sub(1), sub(1, 'quote', 'BSE_FNO')]);
  });
});

describe('subscription messages for a change', () => {
  const map = (...subs: FeedSubscription[]): Map<number, FeedSubscription> =>
    new Map(subs.map((s) => [subscriptionKey(s), s]));

  it('sends nothing when nothing changes', () => {
    expect(subscriptionMessages(map(sub(1)), map(sub(1)))).toEqual([]);
  });

  it('unsubscribes first, then subscribes, per mode, in chunks of 100', () => {
    const current = map(sub(1, 'ticker'), sub(2, 'full'));
    const desired = map(sub(2, 'quote'), ...ids(101, 10).map((s) => sub(s.securityId, 'ticker')));
    const messages = subscriptionMessages(current, desired).map(
      (m) => JSON.parse(m) as { RequestCode: number; InstrumentCount: number },
    );
    expect(messages.map((m) => [m.RequestCode, m.InstrumentCount])).toEqual([
      [16, 1],
      [22, 1],
      [15, 100],
      [15, 1],
      [17, 1],
    ]);
  });
});
