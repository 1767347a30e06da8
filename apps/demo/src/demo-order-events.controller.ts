import { Controller, Sse, type MessageEvent, type OnModuleDestroy } from '@nestjs/common';
import { OrderEventsService, type OrderStatusEvent } from 'nestjs-aliexpress';
import { Subject, map, takeUntil, type Observable } from 'rxjs';

/** What the page receives for each order-status change: the event, without the full order. */
export interface DemoOrderStatusMessage {
  eventId: string;
  orderId: string;
  accountId: string;
  /** The order's status as fetched (`WAIT_BUYER_ACCEPT_GOODS`…). */
  status?: string;
  logisticsStatus?: string;
  /** The pushed step (`OrderShipped`…); absent for a change found by polling. */
  pushedStatus?: string;
  source: 'push' | 'poll';
  receivedAt: number;
}

/** The page's view of an {@link OrderStatusEvent}: ids and statuses only. */
export function toDemoOrderStatusMessage(event: OrderStatusEvent): DemoOrderStatusMessage {
  return {
    eventId: event.eventId,
    orderId: event.orderId,
    accountId: event.accountId,
    status: event.order.status,
    logisticsStatus: event.order.logisticsStatus,
    pushedStatus: event.pushedStatus,
    source: event.source,
    receivedAt: event.receivedAt,
  };
}

/**
 * `GET /orders/events`: the order-status changes the library hands to the app
 * (`OrderEventsService.events$`), as server-sent events, so the page shows them live. Guarded by
 * `DEMO_TOKEN` like every other route; the streams end when the app shuts down.
 */
@Controller('orders')
export class DemoOrderEventsController implements OnModuleDestroy {
  private readonly closing = new Subject<void>();

  constructor(private readonly events: OrderEventsService) {}

  @Sse('events')
  stream(): Observable<MessageEvent> {
    return this.events.events$.pipe(
      map((event) => ({
        id: event.eventId,
        type: 'order-status',
        data: toDemoOrderStatusMessage(event),
      })),
      takeUntil(this.closing),
    );
  }

  onModuleDestroy(): void {
    // open EventSource connections would otherwise keep the HTTP server from closing
    this.closing.next();
    this.closing.complete();
  }
}
