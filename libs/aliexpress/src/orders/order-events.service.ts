import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';
import { ALIEXPRESS_OPTIONS } from '../aliexpress.constants.js';
import type { ResolvedAliexpressOptions } from '../config/aliexpress-options.interface.js';
import { MemoryOrderInbox } from './memory-order.inbox.js';
import { OrderFetchVerifier } from './order-fetch.verifier.js';
import { OrderHandlersExplorer } from './order-handlers.explorer.js';
import type { OrderStatusPush } from './order-push.js';
import { OrderStatusLedger } from './order-status.ledger.js';
import type { OrderStatusEvent } from './order-status.event.js';
import { OrderInbox, type InboxDelivery, type InboxMessage } from './order.inbox.js';
import { UnprocessableMessageError } from './unprocessable-message.error.js';

/** What this process did with order-status messages since it started. */
export interface OrderEventCounts {
  /** Verified pushes stored in the inbox. */
  received: number;
  /** Pushes (or polled changes) the inbox already had. */
  duplicates: number;
  /** Signed pushes of another `message_type`, acknowledged and ignored. */
  ignored: number;
  /** Events handed to the app. */
  delivered: number;
  /** Events not handed over because the other source already reported the same status. */
  alreadyReported: number;
  /** Pushes for no connected account, or for an order the gateway does not know: kept, not delivered. */
  unprocessable: number;
  /** Attempts that failed and will be retried (a handler threw, the gateway did not answer). */
  failedAttempts: number;
}

/** Key under which delivery to `events$` is recorded as done on a message. */
const OBSERVABLE_KEY = 'events$';

/** How long a reported status change stays claimed: 7 days, past the platform's 6 hours of re-sends. */
const CLAIM_TTL_MS = 7 * 24 * 3600_000;

/**
 * Delivers order-status changes to the app, the NestJS way: `events$` (rxjs) and every
 * `@OnOrderStatus()` method. Works the inbox: each message (a verified push, or a change found by
 * `OrderSyncService`) is verified by fetching the order, then handed over once; a handler that
 * throws is retried with backoff, and those that succeeded are not called again.
 */
@Injectable()
export class OrderEventsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AliexpressOrderEvents');
  private readonly subject = new Subject<OrderStatusEvent>();
  /** In-process claims, for an inbox without `claim`. */
  private readonly localClaims = new MemoryOrderInbox();
  private readonly tally: OrderEventCounts = {
    received: 0,
    duplicates: 0,
    ignored: 0,
    delivered: 0,
    alreadyReported: 0,
    unprocessable: 0,
    failedAttempts: 0,
  };

  /** Every order-status event, once each, as it is handed to the app. */
  readonly events$: Observable<OrderStatusEvent> = this.subject.asObservable();

  constructor(
    @Inject(OrderInbox) private readonly inbox: OrderInbox,
    @Inject(ALIEXPRESS_OPTIONS) private readonly options: ResolvedAliexpressOptions,
    private readonly verifier: OrderFetchVerifier,
    private readonly handlers: OrderHandlersExplorer,
    private readonly ledger: OrderStatusLedger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.inbox.start((delivery) => this.process(delivery));
  }

  async onModuleDestroy(): Promise<void> {
    await this.inbox.stop();
    this.subject.complete();
  }

  /**
   * Stores a verified push (the webhook calls this before answering 200); resolves false for a
   * duplicate: same order, status and timestamp as one stored before.
   */
  async acceptPush(push: OrderStatusPush): Promise<boolean> {
    const message: InboxMessage = {
      id: `push-${push.orderId}-${push.status}-${push.timestamp}`,
      source: 'push',
      receivedAt: this.options.clock.now(),
      push,
    };
    const stored = await this.inbox.put(message);
    this.tally[stored ? 'received' : 'duplicates'] += 1;
    return stored;
  }

  /** Counts a signed push of a `message_type` the library does not handle. */
  countIgnored(): void {
    this.tally.ignored += 1;
  }

  /** Stores a change found by polling; resolves false when it was already stored. */
  async acceptPolled(message: Extract<InboxMessage, { source: 'poll' }>): Promise<boolean> {
    const stored = await this.inbox.put(message);
    if (!stored) this.tally.duplicates += 1;
    return stored;
  }

  /** What this process did so far (counters since start). */
  counts(): OrderEventCounts {
    return { ...this.tally };
  }

  private async process(delivery: InboxDelivery): Promise<void> {
    try {
      const event = await this.eventOf(delivery.message);
      // claimed before anything is handed over, atomically (across instances with a shared
      // inbox): a push and a poll reporting the same change never both reach the app. The claim
      // belongs to this message, so its own retry after a failed handler proceeds; pushes of
      // one fetched status with different pushed statuses are each delivered, as before.
      if (event.order.status !== undefined) {
        const owner = `${event.source}:${delivery.message.id}`;
        const holder = await this.claim(event.orderId, event.order.status, owner);
        if (holder !== owner && !(event.source === 'push' && holder.startsWith('push:'))) {
          this.tally.alreadyReported += 1;
          this.ledger.record(event.orderId, { status: event.order.status, source: event.source });
          return;
        }
      }
      if (!delivery.done.includes(OBSERVABLE_KEY)) {
        this.subject.next(event);
        await delivery.markDone(OBSERVABLE_KEY);
      }
      for (const handler of this.handlers.handlers()) {
        if (delivery.done.includes(handler.key)) continue;
        await handler.handle(event);
        await delivery.markDone(handler.key);
      }
      if (event.order.status !== undefined)
        this.ledger.record(event.orderId, { status: event.order.status, source: event.source });
      this.tally.delivered += 1;
    } catch (error) {
      if (error instanceof UnprocessableMessageError) {
        this.tally.unprocessable += 1;
        this.logger.warn(`message ${delivery.message.id} kept, not delivered: ${error.reason}`);
      } else {
        this.tally.failedAttempts += 1;
      }
      throw error;
    }
  }

  /** Claims an order's status change for a message; resolves the holder (see {@link OrderInbox.claim}). */
  private claim(orderId: string, status: string, owner: string): Promise<string> {
    const key = `${this.options.appKey}:${orderId}:${status}`;
    return this.inbox.claim
      ? this.inbox.claim(key, owner, CLAIM_TTL_MS)
      : this.localClaims.claim(key, owner, CLAIM_TTL_MS);
  }

  private async eventOf(message: InboxMessage): Promise<OrderStatusEvent> {
    if (message.source === 'poll') {
      return {
        eventId: message.id,
        orderId: message.order.orderId,
        accountId: message.accountId,
        order: message.order,
        receivedAt: message.receivedAt,
        source: 'poll',
      };
    }
    const { accountId, order } = await this.verifier.verify(message.push);
    return {
      eventId: message.id,
      orderId: message.push.orderId,
      pushedStatus: message.push.status,
      accountId,
      order,
      receivedAt: message.receivedAt,
      source: 'push',
    };
  }
}
