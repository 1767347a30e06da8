import fc from 'fast-check';
import { ExpiryHeap } from './expiry.heap.js';

describe('ExpiryHeap', () => {
  it('pops exactly the entries expired at each time, soonest first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000 }), { maxLength: 200 }),
        fc.array(fc.integer({ min: 0, max: 1_000 }), { minLength: 1, maxLength: 10 }),
        (untils, times) => {
          const heap = new ExpiryHeap();
          untils.forEach((until, i) => heap.push(`k${i}`, until));
          const remaining = untils.map((until, i) => ({ key: `k${i}`, until }));
          for (const now of [...times].sort((a, b) => a - b)) {
            const popped: number[] = [];
            for (let e = heap.popExpired(now); e; e = heap.popExpired(now)) popped.push(e.until);
            const due = remaining.filter((e) => e.until <= now).map((e) => e.until);
            expect(popped).toEqual([...due].sort((a, b) => a - b));
            remaining.splice(0, remaining.length, ...remaining.filter((e) => e.until > now));
            expect(heap.size).toBe(remaining.length);
          }
        },
      ),
    );
  });

  it('an empty heap pops nothing', () => {
    expect(new ExpiryHeap().popExpired(Number.MAX_SAFE_INTEGER)).toBeUndefined();
  });
});
