import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { ALIEXPRESS_OPTIONS } from '../aliexpress.constants.js';
import type { ResolvedAliexpressOptions } from '../config/aliexpress-options.interface.js';
import { DropshippingService } from '../dropshipping/dropshipping.service.js';
import { OrderEventsService } from './order-events.service.js';
import { OrderFetchVerifier } from './order-fetch.verifier.js';
import { OrderStatusLedger } from './order-status.ledger.js';
import { UnprocessableMessageError } from './unprocessable-message.error.js';

/** An order `OrderSyncService` watches. */
export interface TrackedOrder {
  accountId: string;
  orderId: string;
  /** The status last seen by polling or reported by a push, if any. */
  lastStatus?: string;
}

/**
 * Order sync, for pushes that never come: tracks the orders this process created through
 * `DropshippingService.createOrder` (and any added with {@link track}), re-reads the ones not yet
 * final every `orderSync.intervalMs` (at most `orderSync.maxCallsPerSecond`, on top of the
 * module's pacing), and reports each change as an `OrderStatusEvent` with `source: 'poll'`
 * through the same inbox and handlers as pushes; a change a push already reported is not
 * reported again.
 */
@Injectable()
export class OrderSyncService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AliexpressOrderSync');
  private readonly orders = new Map<string, TrackedOrder>();
  private subscription?: Subscription;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    @Inject(ALIEXPRESS_OPTIONS) private readonly options: ResolvedAliexpressOptions,
    private readonly dropshipping: DropshippingService,
    private readonly verifier: OrderFetchVerifier,
    private readonly events: OrderEventsService,
    private readonly ledger: OrderStatusLedger,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.dropshipping.ordersCreated$.subscribe(({ accountId, order }) => {
      for (const orderId of order.orderIds) this.track(accountId, orderId);
    });
    if (this.options.orderSync.enabled) {
      this.timer = setInterval(() => void this.syncNow(), this.options.orderSync.intervalMs);
      this.timer.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.subscription?.unsubscribe();
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /**
   * True while the timer re-reads the tracked orders: `orderSync.enabled`, which defaults to on
   * when the registration serves the OAuth routes or the webhook, off for `controller: false`.
   */
  get polling(): boolean {
    return this.timer !== undefined;
  }

  /** Watches an order until it reaches a final status (`orderSync.finalStatuses`). */
  track(accountId: string, orderId: string): void {
    if (!this.orders.has(orderId)) this.orders.set(orderId, { accountId, orderId });
  }

  /** Stops watching an order. */
  untrack(orderId: string): boolean {
    return this.orders.delete(orderId);
  }

  /** The orders watched now (copies). */
  tracked(): TrackedOrder[] {
    return [...this.orders.values()].map((order) => ({ ...order }));
  }

  /**
   * One pass now: re-reads every watched order and reports the changes; resolves how many were
   * reported. A pass already running is joined, not doubled.
   */
  syncNow(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<number> {
    const spacingMs = 1000 / this.options.orderSync.maxCallsPerSecond;
    let reported = 0;
    let first = true;
    for (const tracked of [...this.orders.values()]) {
      if (!first) await new Promise((resolve) => setTimeout(resolve, spacingMs));
      first = false;
      try {
        if (await this.check(tracked)) reported += 1;
      } catch (error) {
        if (error instanceof UnprocessableMessageError) {
          this.logger.warn(`order ${tracked.orderId} no longer tracked: ${error.reason}`);
          this.orders.delete(tracked.orderId);
        } else {
          this.logger.warn(
            `order ${tracked.orderId} not read this pass: ${(error as Error)?.message}`,
          );
        }
      }
    }
    return reported;
  }

  private async check(tracked: TrackedOrder): Promise<boolean> {
    const order = await this.verifier.fetch(tracked.accountId, tracked.orderId);
    const status = order.status;
    if (status === undefined) return false;
    const known = this.ledger.get(tracked.orderId)?.status ?? tracked.lastStatus;
    let reported = false;
    if (status !== known) {
      const id = `poll-${tracked.orderId}-${known ?? 'NEW'}-${status}`;
      reported = await this.events.acceptPolled({
        id,
        source: 'poll',
        receivedAt: this.options.clock.now(),
        accountId: tracked.accountId,
        order,
      });
    }
    tracked.lastStatus = status;
    if (this.options.orderSync.finalStatuses.includes(status)) this.orders.delete(tracked.orderId);
    return reported;
  }
}
