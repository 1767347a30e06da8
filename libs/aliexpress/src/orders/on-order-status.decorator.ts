import { SetMetadata } from '@nestjs/common';

/** Metadata key of {@link OnOrderStatus}. */
export const ON_ORDER_STATUS = Symbol('aliexpress:on-order-status');

/**
 * Marks a method of any provider as a handler of `OrderStatusEvent`s; it is found at startup.
 * It is called once per event (a push, or a change found by polling); when it throws, the event
 * is retried with backoff, and handlers that already succeeded are not called again.
 *
 * ```ts
 * @Injectable()
 * class Fulfilment {
 *   @OnOrderStatus()
 *   async onStatus(event: OrderStatusEvent) { … }
 * }
 * ```
 */
export const OnOrderStatus = (): MethodDecorator => SetMetadata(ON_ORDER_STATUS, true);
