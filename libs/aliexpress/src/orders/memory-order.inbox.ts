import { Logger } from '@nestjs/common';
import { inboxRetryDelay, resolveInboxRetry, type InboxRetryOptions } from './inbox-retry.js';
import type { InboxCounts, InboxMessage, InboxProcessor, OrderInbox } from './order.inbox.js';
import { UnprocessableMessageError } from './unprocessable-message.error.js';

/** Options of {@link MemoryOrderInbox}. */
export interface MemoryOrderInboxOptions {
  retry?: InboxRetryOptions;
  /** How long a handled message's id is remembered to refuse its duplicates; default 7 days. */
  dedupeWindowMs?: number;
  /** Messages processed at once; default 4. */
  concurrency?: number;
  /** How long `stop()` waits for messages in processing; default 10 000 ms. */
  closeTimeoutMs?: number;
}

interface Entry {
  message: InboxMessage;
  done: Set<string>;
  attempts: number;
  timer?: NodeJS.Timeout;
  running: boolean;
  queued: boolean;
}

/**
 * The default {@link OrderInbox}: in this process's memory. Duplicates collapse, failures are
 * retried with exponential backoff, a message stays until handled; but a restart loses what was
 * waiting and instances do not share it: use `BullMqOrderInbox` for that.
 */
export class MemoryOrderInbox implements OrderInbox {
  private readonly logger = new Logger('AliexpressOrderInbox');
  private readonly retry;
  private readonly dedupeWindowMs: number;
  private readonly pending = new Map<string, Entry>();
  private readonly seen = new Map<string, number>();
  private readonly claims = new Map<string, { owner: string; until: number }>();
  private readonly parked: InboxMessage[] = [];
  private readonly ready: Entry[] = [];
  private readonly concurrency: number;
  private running = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly closeTimeoutMs: number;
  private processor?: InboxProcessor;

  constructor(options: MemoryOrderInboxOptions = {}) {
    this.retry = resolveInboxRetry(options.retry);
    this.dedupeWindowMs = options.dedupeWindowMs ?? 7 * 24 * 3600_000;
    this.concurrency = options.concurrency ?? 4;
    this.closeTimeoutMs = options.closeTimeoutMs ?? 10_000;
  }

  put(message: InboxMessage): Promise<boolean> {
    this.forgetExpired();
    if (this.seen.has(message.id)) return Promise.resolve(false);
    this.seen.set(message.id, Date.now() + this.dedupeWindowMs);
    const entry: Entry = {
      message,
      done: new Set(),
      attempts: 0,
      running: false,
      queued: false,
    };
    this.pending.set(message.id, entry);
    if (this.processor) this.schedule(entry, 0);
    return Promise.resolve(true);
  }

  start(processor: InboxProcessor): Promise<void> {
    this.processor = processor;
    for (const entry of this.pending.values()) this.schedule(entry, 0);
    return Promise.resolve();
  }

  /** Stops taking messages, and waits (up to `closeTimeoutMs`) for those in processing. */
  async stop(): Promise<void> {
    this.processor = undefined;
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.closeTimeoutMs);
    });
    await Promise.race([Promise.allSettled([...this.inFlight]), late]);
    clearTimeout(timer);
  }

  /** Claims `key` for `owner` until `ttlMs` from now (see {@link OrderInbox.claim}). */
  claim(key: string, owner: string, ttlMs: number): Promise<string> {
    const now = Date.now();
    for (const [k, c] of this.claims) {
      if (c.until > now) break;
      this.claims.delete(k);
    }
    const held = this.claims.get(key);
    if (held && held.until > now) return Promise.resolve(held.owner);
    this.claims.delete(key);
    this.claims.set(key, { owner, until: now + ttlMs });
    return Promise.resolve(owner);
  }

  counts(): Promise<InboxCounts> {
    return Promise.resolve({ pending: this.pending.size, parked: this.parked.length });
  }

  /** The messages given up on, oldest first (copies). */
  parkedMessages(): InboxMessage[] {
    return structuredClone(this.parked);
  }

  private schedule(entry: Entry, delayMs: number): void {
    clearTimeout(entry.timer);
    if (delayMs === 0) {
      this.enqueue(entry);
      return;
    }
    entry.timer = setTimeout(() => this.enqueue(entry), delayMs);
  }

  private enqueue(entry: Entry): void {
    if (!entry.queued) {
      entry.queued = true;
      this.ready.push(entry);
    }
    this.pump();
  }

  /** Starts waiting messages while fewer than `concurrency` run. */
  private pump(): void {
    while (this.processor && this.running < this.concurrency && this.ready.length) {
      const entry = this.ready.shift() as Entry;
      entry.queued = false;
      this.running += 1;
      const run = this.run(entry).finally(() => {
        this.running -= 1;
        this.inFlight.delete(run);
        this.pump();
      });
      this.inFlight.add(run);
    }
  }

  private async run(entry: Entry): Promise<void> {
    const processor = this.processor;
    if (!processor || entry.running) return;
    entry.running = true;
    entry.attempts += 1;
    try {
      await processor({
        message: entry.message,
        done: [...entry.done],
        attempt: entry.attempts,
        markDone: (handler) => {
          entry.done.add(handler);
          return Promise.resolve();
        },
      });
      this.pending.delete(entry.message.id);
    } catch (error) {
      if (error instanceof UnprocessableMessageError || entry.attempts >= this.retry.maxAttempts) {
        this.pending.delete(entry.message.id);
        this.parked.push(entry.message);
        return;
      }
      const delay = inboxRetryDelay(this.retry, entry.attempts);
      this.logger.warn(
        `message ${entry.message.id} failed (attempt ${entry.attempts}): ${(error as Error)?.message}; retry in ${delay} ms`,
      );
      if (this.processor) this.schedule(entry, delay);
    } finally {
      entry.running = false;
    }
  }

  private forgetExpired(): void {
    const now = Date.now();
    for (const [id, until] of this.seen) {
      if (until > now) break;
      if (!this.pending.has(id)) this.seen.delete(id);
    }
  }
}
