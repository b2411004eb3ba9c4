/**
 * Which feed connection carries which instrument. Pure: given the previous assignment and the
 * engine's full desired list (in priority order), it keeps every instrument that stays where it
 * is (no churn on the wire), fills connections already in use before opening new ones, and
 * reports what does not fit instead of dropping it.
 */
import { subscriptionKey, type FeedSubscription } from './feed-subscription';

export interface FeedPoolLimits {
  /** DhanHQ allows 5 feed connections per user. */
  readonly maxConnections: number;
  /** And 5000 instruments per connection. */
  readonly instrumentsPerConnection: number;
}

export const DHAN_FEED_POOL_LIMITS: FeedPoolLimits = Object.freeze({
  maxConnections: 5,
  instrumentsPerConnection: 5000,
});

export interface RejectedSubscription {
  readonly subscription: FeedSubscription;
  /** 'limit': beyond maxConnections × instrumentsPerConnection; 'invalid': not a positive integer security id. */
  readonly reason: 'limit' | 'invalid';
}

export interface Assignment {
  /** One map per slot (index = slot), key → subscription; empty maps for unused slots. */
  readonly slots: readonly ReadonlyMap<number, FeedSubscription>[];
  /** key → slot index. */
  readonly slotOf: ReadonlyMap<number, number>;
  readonly rejected: readonly RejectedSubscription[];
  /** Later repeats of an instrument already in the list (the first occurrence wins). */
  readonly duplicates: number;
}

/**
 * Assigns `requested` to slots. The first `maxConnections × instrumentsPerConnection` distinct
 * valid instruments in list order are accepted, so the engine's priority order decides what is
 * left out, even if that means dropping something subscribed before. New instruments go to
 * slots in `slotsInUse` first (ascending), then to unused slots (ascending).
 */
export function assignSubscriptions(
  previous: ReadonlyMap<number, number>,
  slotsInUse: ReadonlySet<number>,
  requested: readonly FeedSubscription[],
  limits: FeedPoolLimits,
): Assignment {
  const capacity = limits.maxConnections * limits.instrumentsPerConnection;
  const rejected: RejectedSubscription[] = [];
  const accepted = new Map<number, FeedSubscription>();
  let duplicates = 0;
  for (const subscription of requested) {
    if (!Number.isSafeInteger(subscription.securityId) || subscription.securityId <= 0) {
      rejected.push({ subscription, reason: 'invalid' });
      continue;
    }
    const key = subscriptionKey(subscription);
    if (accepted.has(key)) duplicates++;
    else if (accepted.size >= capacity) rejected.push({ subscription, reason: 'limit' });
    else accepted.set(key, subscription);
  }

  const slots = Array.from({ length: limits.maxConnections }, () => new Map<number, FeedSubscription>());
  const slotOf = new Map<number, number>();
  const newcomers: [number, FeedSubscription][] = [];
  for (const [key, subscription] of accepted) {
    const slot = previous.get(key);
    const target = slot === undefined ? undefined : slots[slot];
    if (slot !== undefined && target !== undefined) {
      target.set(key, subscription);
      slotOf.set(key, slot);
    } else {
      newcomers.push([key, subscription]);
    }
  }

  const order = [...slots.keys()].sort(
    (a, b) => Number(!slotsInUse.has(a)) - Number(!slotsInUse.has(b)) || a - b,
  );
  let cursor = 0;
  for (const [key, subscription] of newcomers) {
    while ((slots[order[cursor] as number]?.size ?? 0) >= limits.instrumentsPerConnection) cursor++;
    const slot = order[cursor] as number;
    (slots[slot] as Map<number, FeedSubscription>).set(key, subscription);
    slotOf.set(key, slot);
  }
  return { slots, slotOf, rejected, duplicates };
}
