import { Logger } from '@nestjs/common';
import type { ConnectionOptions, Job, Queue, Worker } from 'bullmq';
import { inboxRetryDelay, resolveInboxRetry, type InboxRetryOptions } from './inbox-retry.js';
import type { InboxCounts, InboxMessage, InboxProcessor, OrderInbox } from './order.inbox.js';
import { UnprocessableMessageError } from './unprocessable-message.error.js';

/**
 * The Redis connection BullMQ opens (its `ConnectionOptions`: host, port, username, password, db,
 * tls…). Declared here so that the library's types do not require bullmq to be installed.
 */
export interface BullMqConnectionOptions {
  host?: string;
  port?: number;
  username?: string;
  password?: string;
  db?: number;
  tls?: object;
  [option: string]: unknown;
}

/** Options of {@link BullMqOrderInbox}. */
export interface BullMqOrderInboxOptions {
  /** `redis://…`; or give `connection`. */
  url?: string;
  /** BullMQ connection options (host, port, password, tls…), used when `url` is not given. */
  connection?: BullMqConnectionOptions;
  /**
   * Queue name; default `aliexpress-order-events`. The module binds the inbox to its app key
   * ({@link BullMqOrderInbox.forApp}), so the queue used is `<queueName>-<appKey>`: two apps on one
   * Redis never take each other's messages. Instances of one app must use the same name.
   */
  queueName?: string;
  /** BullMQ key prefix; default `bull`. */
  prefix?: string;
  retry?: InboxRetryOptions;
  /** Messages processed at once by this instance; default 4. */
  concurrency?: number;
  /**
   * How long a handled message's id is kept so its duplicates collapse onto it; default 7 days
   * (the platform re-sends an unanswered push for 6 hours).
   */
  dedupeWindowMs?: number;
  /**
   * How long a worker's claim on a message lasts without renewal: a process killed mid-message
   * frees it for another instance (or the restarted one) after this long; default 30 000 ms.
   */
  lockDurationMs?: number;
  /** How often stalled messages (their worker died) are looked for; default 30 000 ms. */
  stalledIntervalMs?: number;
  /**
   * `put` fails after this long (the webhook then answers 503 and the platform sends the push
   * again), so an unreachable Redis never holds the platform's request; default 2000 ms.
   */
  putTimeoutMs?: number;
  /** How long `stop()` waits for running handlers before leaving them to another worker; default 10 000 ms. */
  closeTimeoutMs?: number;
}

interface JobData {
  message: InboxMessage;
  done: string[];
}

const JOB_NAME = 'order-status';

/** Name under which {@link CLAIM_SCRIPT} is registered on the queue's Redis client. */
const CLAIM_COMMAND = 'aliexpressOrderClaim';

/** `SET key owner NX PX ttl`, then the holder: one atomic step. */
const CLAIM_SCRIPT = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return ARGV[1] end
return redis.call('GET', KEYS[1])`;

/**
 * The shared {@link OrderInbox}: a BullMQ queue on Redis. A message's id is its job id, so a
 * duplicate (on any instance) collapses onto the job already there; a failed job is retried with
 * capped exponential backoff until handled; jobs survive restarts, and BullMQ's job lock lets one
 * worker, on one instance, process a message at a time (a dead worker's message is taken over).
 * Needs the optional peer dependency `bullmq`.
 */
export class BullMqOrderInbox implements OrderInbox {
  private readonly logger = new Logger('AliexpressOrderInbox');
  private readonly retry;
  private readonly bullmq: typeof import('bullmq');
  private readonly connection: ConnectionOptions;
  private readonly queueName: string;
  private readonly prefix: string;
  private queueHandle?: Queue<JobData>;
  private worker?: Worker<JobData>;
  private readonly active = new Set<Promise<void>>();
  private claimDefined = false;

  /**
   * @param appKey set by {@link forApp} (the module calls it); users pass the options only.
   */
  constructor(
    private readonly options: BullMqOrderInboxOptions,
    private readonly appKey?: string,
  ) {
    if (!options || (!options.url && !options.connection))
      throw new TypeError('BullMqOrderInbox needs { url } or { connection }');
    this.retry = resolveInboxRetry(options.retry);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional peer dependency
    this.bullmq = require('bullmq') as typeof import('bullmq');
    this.connection = options.url
      ? { url: options.url, maxRetriesPerRequest: null }
      : { maxRetriesPerRequest: null, ...options.connection };
    const base = options.queueName ?? 'aliexpress-order-events';
    this.queueName = appKey === undefined ? base : `${base}-${appKey}`;
    this.prefix = options.prefix ?? 'bull';
  }

  /**
   * The same inbox bound to one app: its queue (and its claims) carry the app key, so apps
   * sharing a Redis stay apart. The module calls this with its `appKey`.
   */
  forApp(appKey: string): BullMqOrderInbox {
    if (this.appKey === appKey) return this;
    if (this.queueHandle || this.worker)
      throw new Error('BullMqOrderInbox.forApp must be called before the inbox is used');
    return new BullMqOrderInbox(this.options, appKey);
  }

  /** The queue, opened on first use (an unbound inbox replaced by `forApp` never connects). */
  private get queue(): Queue<JobData> {
    if (!this.queueHandle) {
      this.queueHandle = new this.bullmq.Queue<JobData>(this.queueName, {
        connection: this.connection,
        prefix: this.prefix,
      });
      this.queueHandle.on('error', (error) => this.logger.error(`queue: ${error.message}`));
    }
    return this.queueHandle;
  }

  /**
   * Claims `key` for `owner` for `ttlMs` with Redis `SET NX PX` on the queue's connection, so
   * every instance sees the claim; resolves its holder (`owner` when this call took it).
   */
  async claim(key: string, owner: string, ttlMs: number): Promise<string> {
    const client = await this.queue.getBackend().client;
    if (!this.claimDefined) {
      client.defineCommand(CLAIM_COMMAND, { numberOfKeys: 1, lua: CLAIM_SCRIPT });
      this.claimDefined = true;
    }
    const full = `${this.prefix}:${this.queueName}:claim:${key}`;
    const ttl = Math.max(1, Math.round(ttlMs));
    return String(await client.runCommand(CLAIM_COMMAND, [full, owner, ttl]));
  }

  async put(message: InboxMessage): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeoutMs = this.options.putTimeoutMs ?? 2000;
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis did not store the message within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.store(message), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async store(message: InboxMessage): Promise<boolean> {
    // the job id is what makes a duplicate collapse, here or on another instance; the lookup
    // before only tells the caller which it was
    const known = await this.queue.getJob(message.id);
    if (known) {
      // a parked (failed) message sent again by the platform gets another chance, not lost
      if (!(await known.isFailed())) return false;
      await known.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      this.logger.warn(`message ${message.id} was parked; sent again, so retried`);
      return true;
    }
    const ageSeconds = Math.ceil((this.options.dedupeWindowMs ?? 7 * 24 * 3600_000) / 1000);
    await this.queue.add(
      JOB_NAME,
      { message, done: [] },
      {
        jobId: message.id,
        attempts: this.retry.maxAttempts,
        backoff: { type: 'inbox' },
        removeOnComplete: { age: ageSeconds },
        removeOnFail: false,
      },
    );
    return true;
  }

  async start(processor: InboxProcessor): Promise<void> {
    if (this.worker) return;
    this.worker = new this.bullmq.Worker<JobData>(
      this.queueName,
      (job) => {
        const running = this.process(job, processor);
        const tracked = running.catch(() => undefined);
        this.active.add(tracked);
        void tracked.finally(() => this.active.delete(tracked));
        return running;
      },
      {
        connection: this.connection,
        prefix: this.prefix,
        concurrency: this.options.concurrency ?? 4,
        lockDuration: this.options.lockDurationMs ?? 30_000,
        stalledInterval: this.options.stalledIntervalMs ?? 30_000,
        settings: { backoffStrategy: (attemptsMade) => inboxRetryDelay(this.retry, attemptsMade) },
      },
    );
    this.worker.on('error', (error) => this.logger.error(`worker: ${error.message}`));
    this.worker.on('failed', (job, error) => {
      if (
        job &&
        job.attemptsMade < this.retry.maxAttempts &&
        !(error instanceof this.bullmq.UnrecoverableError)
      )
        this.logger.warn(
          `message ${job.id} failed (attempt ${job.attemptsMade}): ${error.message}; will retry`,
        );
    });
    await this.worker.waitUntilReady();
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) {
      // no new message is taken; the ones in hand get closeTimeoutMs to finish
      await worker.pause(true);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.options.closeTimeoutMs ?? 10_000);
      });
      await Promise.race([Promise.allSettled([...this.active]), late]);
      clearTimeout(timer);
      // a handler still running is abandoned: its job lock expires and another worker takes it
      await worker.close(this.active.size > 0);
    }
    await this.queueHandle?.close();
    this.queueHandle = undefined;
  }

  async counts(): Promise<InboxCounts> {
    const counts = await this.queue.getJobCounts(
      'waiting',
      'active',
      'delayed',
      'prioritized',
      'waiting-children',
      'failed',
    );
    const { failed = 0, ...others } = counts;
    return {
      pending: Object.values(others).reduce((sum, n) => sum + n, 0),
      parked: failed,
    };
  }

  private async process(job: Job<JobData>, processor: InboxProcessor): Promise<void> {
    const done = [...job.data.done];
    try {
      await processor({
        message: job.data.message,
        done,
        attempt: job.attemptsMade + 1,
        markDone: async (handler) => {
          done.push(handler);
          await job.updateData({ message: job.data.message, done });
        },
      });
    } catch (error) {
      if (error instanceof UnprocessableMessageError)
        throw new this.bullmq.UnrecoverableError(error.message);
      throw error;
    }
  }
}
