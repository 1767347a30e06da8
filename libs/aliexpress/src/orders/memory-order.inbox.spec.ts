import { MemoryOrderInbox } from './memory-order.inbox.js';
import type { InboxDelivery, InboxMessage } from './order.inbox.js';
import { UnprocessableMessageError } from './unprocessable-message.error.js';

const message = (id: string): InboxMessage => ({
  id,
  source: 'push',
  receivedAt: 1,
  push: { orderId: '1', status: 'OrderShipped', timestamp: id },
});

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

describe('MemoryOrderInbox', () => {
  let inbox: MemoryOrderInbox;
  afterEach(() => inbox.stop());

  it('stores a message once: its duplicate is refused', async () => {
    inbox = new MemoryOrderInbox();
    expect(await inbox.put(message('a'))).toBe(true);
    expect(await inbox.put(message('a'))).toBe(false);
    expect(await inbox.counts()).toEqual({ pending: 1, parked: 0 });
  });

  it('keeps messages put before start, then hands each over once', async () => {
    inbox = new MemoryOrderInbox();
    await inbox.put(message('a'));
    await inbox.put(message('b'));
    const seen: string[] = [];
    await inbox.start((d) => {
      seen.push(d.message.id);
      return Promise.resolve();
    });
    await until(() => seen.length === 2);
    expect(seen.sort()).toEqual(['a', 'b']);
    expect(await inbox.counts()).toEqual({ pending: 0, parked: 0 });
    expect(await inbox.put(message('a'))).toBe(false);
  });

  it('retries a failing message with backoff, remembering which handlers succeeded', async () => {
    inbox = new MemoryOrderInbox({ retry: { initialDelayMs: 10, maxDelayMs: 20 } });
    const attempts: InboxDelivery[] = [];
    await inbox.start(async (delivery) => {
      attempts.push({ ...delivery, done: [...delivery.done] });
      if (!delivery.done.includes('first')) await delivery.markDone('first');
      if (delivery.attempt < 3) throw new Error('not yet');
    });
    await inbox.put(message('a'));
    await until(() => attempts.length === 3);
    expect(attempts.map((a) => [a.attempt, a.done])).toEqual([
      [1, []],
      [2, ['first']],
      [3, ['first']],
    ]);
    await until(() => attempts.length === 3);
    expect(await inbox.counts()).toEqual({ pending: 0, parked: 0 });
  });

  it('parks an unprocessable message at once, and one past maxAttempts', async () => {
    inbox = new MemoryOrderInbox({ retry: { initialDelayMs: 5, maxAttempts: 2 } });
    let calls = 0;
    await inbox.start((delivery) => {
      calls += 1;
      return Promise.reject(
        delivery.message.id === 'bad'
          ? new UnprocessableMessageError('no account')
          : new Error('always'),
      );
    });
    await inbox.put(message('bad'));
    await inbox.put(message('flaky'));
    await until(() => inbox.parkedMessages().length === 2);
    expect(calls).toBe(3);
    expect(await inbox.counts()).toEqual({ pending: 0, parked: 2 });
  });

  it('runs at most `concurrency` messages at once', async () => {
    inbox = new MemoryOrderInbox({ concurrency: 2 });
    let running = 0;
    let most = 0;
    let done = 0;
    await inbox.start(async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 10));
      running -= 1;
      done += 1;
    });
    for (const id of ['a', 'b', 'c', 'd', 'e']) await inbox.put(message(id));
    await until(() => done === 5);
    expect(most).toBe(2);
  });

  it('claims a key for one owner until it expires; the owner claims it again', async () => {
    inbox = new MemoryOrderInbox();
    expect(await inbox.claim('o-1:PAID', 'push:a', 50)).toBe('push:a');
    expect(await inbox.claim('o-1:PAID', 'poll:b', 50)).toBe('push:a');
    expect(await inbox.claim('o-1:PAID', 'push:a', 50)).toBe('push:a');
    expect(await inbox.claim('o-2:PAID', 'poll:b', 50)).toBe('poll:b');
    await new Promise((r) => setTimeout(r, 70));
    expect(await inbox.claim('o-1:PAID', 'poll:b', 50)).toBe('poll:b');
  });
});
