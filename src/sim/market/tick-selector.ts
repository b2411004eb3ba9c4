/**
 * Chooses which subscribed instruments trade in a step. Keeps the union of subscribed
 * instruments as a dense array (add/remove in O(1) by swapping) and samples it by activity with
 * rejection sampling, so busy at-the-money contracts tick more often than far wings. No
 * instrument trades twice in one step.
 */
import type { SeededRandom } from '../util/prng';

export class TickSelector {
  private readonly members: Int32Array;
  private readonly position: Int32Array;
  private readonly pickedInStep: Uint32Array;
  private count = 0;
  private step = 0;
  private readonly picks: Int32Array;

  constructor(
    size: number,
    private readonly weight: Float32Array,
  ) {
    this.members = new Int32Array(size);
    this.position = new Int32Array(size).fill(-1);
    this.pickedInStep = new Uint32Array(size);
    this.picks = new Int32Array(size);
  }

  get size(): number {
    return this.count;
  }

  has(i: number): boolean {
    return (this.position[i] ?? -1) >= 0;
  }

  add(i: number): void {
    if (this.has(i)) return;
    this.members[this.count] = i;
    this.position[i] = this.count;
    this.count++;
  }

  remove(i: number): void {
    const at = this.position[i] ?? -1;
    if (at < 0) return;
    const last = this.members[this.count - 1]!;
    this.members[at] = last;
    this.position[last] = at;
    this.position[i] = -1;
    this.count--;
  }

  /**
   * Up to `n` distinct members, weighted by activity. Returns a view valid until the next call.
   * A step takes at most a quarter of a large set (at least 64): past that, most draws would hit
   * members already picked. Rejection sampling is bounded by the wanted count and by the member
   * count, so near-zero weights cannot spin.
   */
  pick(n: number, rng: SeededRandom): Int32Array {
    this.step++;
    const want = Math.min(n, this.count, Math.max(64, Math.ceil(this.count / 4)));
    let got = 0;
    let tries = 0;
    const maxTries = Math.min(want * 64, this.count * 8) + 64;
    while (got < want && tries < maxTries) {
      tries++;
      const i = this.members[rng.int(this.count)]!;
      if (this.pickedInStep[i] === this.step) continue;
      if (rng.next() >= Math.max(0.02, this.weight[i] ?? 0)) continue;
      this.pickedInStep[i] = this.step;
      this.picks[got++] = i;
    }
    return this.picks.subarray(0, got);
  }
}
