/** One entry of an {@link ExpiryHeap}: a key and the epoch ms it expires at. */
export interface Expiring {
  key: string;
  until: number;
}

/**
 * A binary min-heap of keys by expiry: the soonest to expire on top, pushed and popped in
 * O(log n). Lets an in-memory store drop what expired without visiting what has not.
 */
export class ExpiryHeap {
  private readonly items: Expiring[] = [];

  /** How many entries the heap holds. */
  get size(): number {
    return this.items.length;
  }

  /** Adds `key`, expiring at `until`. */
  push(key: string, until: number): void {
    const items = this.items;
    items.push({ key, until });
    let at = items.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (items[parent].until <= items[at].until) break;
      [items[parent], items[at]] = [items[at], items[parent]];
      at = parent;
    }
  }

  /** Removes and returns the entry expiring first if it expires at or before `now`. */
  popExpired(now: number): Expiring | undefined {
    const items = this.items;
    if (!items.length || items[0].until > now) return undefined;
    const top = items[0];
    const last = items.pop() as Expiring;
    if (items.length) {
      items[0] = last;
      let at = 0;
      for (;;) {
        const left = 2 * at + 1;
        const right = left + 1;
        let least = at;
        if (left < items.length && items[left].until < items[least].until) least = left;
        if (right < items.length && items[right].until < items[least].until) least = right;
        if (least === at) break;
        [items[least], items[at]] = [items[at], items[least]];
        at = least;
      }
    }
    return top;
  }
}
