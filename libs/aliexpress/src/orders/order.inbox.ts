import type { OrderDetails } from '../dropshipping/order.results.js';
import type { OrderStatusPush } from './order-push.js';

/**
 * A message waiting in the inbox: a verified push, or a change found by polling. Plain JSON, so
 * any inbox can store it; `id` is derived from its content, so a duplicate collapses onto it.
 */
export type InboxMessage =
  | { id: string; source: 'push'; receivedAt: number; push: OrderStatusPush }
  | {
      id: string;
      source: 'poll';
      receivedAt: number;
      accountId: string;
      order: OrderDetails;
    };

/** What a handler of inbox messages may keep on a message between attempts. */
export interface InboxDelivery {
  /** The message. */
  message: InboxMessage;
  /** Which handlers already handled it on an earlier attempt (see {@link InboxDelivery.markDone}). */
  done: readonly string[];
  /** Which attempt this is, from 1. */
  attempt: number;
  /** Records that a handler succeeded, so a retry skips it; persisted by inboxes that persist. */
  markDone(handler: string): Promise<void>;
}

/** Processes one message; throwing leaves the message in the inbox for a retry with backoff. */
export type InboxProcessor = (delivery: InboxDelivery) => Promise<void>;

/** What an inbox holds right now. */
export interface InboxCounts {
  /** Waiting for, or in, processing (retries included). */
  pending: number;
  /** Given up on as unprocessable (see {@link UnprocessableMessageError}). */
  parked: number;
}

/**
 * Where verified pushes wait between the webhook's 200 and the app's handlers: persist, then
 * acknowledge, then process. An interface and its injection token, like `TokenStore`. `put`
 * resolves once the message is stored (the webhook answers 200 only then); a message whose `id`
 * was already stored is a duplicate and is not stored twice. The processor is called for each
 * message, one at a time per message, until it succeeds; when it throws, the message is retried
 * with exponential backoff. Defaults to {@link MemoryOrderInbox} (one process); `BullMqOrderInbox`
 * shares one queue on Redis between instances and survives restarts.
 */
export interface OrderInbox {
  /** Stores a message; resolves `false` when it is a duplicate of one stored before. */
  put(message: InboxMessage): Promise<boolean>;
  /** Starts handing messages to `processor` (called once, at application bootstrap). */
  start(processor: InboxProcessor): Promise<void>;
  /** Stops handing messages out and releases connections; stored messages stay. */
  stop(): Promise<void>;
  /** How many messages wait, and how many were parked. */
  counts(): Promise<InboxCounts>;
  /**
   * Claims `key` (an order's status change) for `owner` (a message) for `ttlMs`, atomically and,
   * for a shared inbox, across instances; resolves the owner that holds the claim: `owner` when
   * this call took it (or it already held it), else the one that took it first. Lets a status
   * change reach the app once even when a push and a poll report it. Optional: without it,
   * claims are kept in this process only.
   */
  claim?(key: string, owner: string, ttlMs: number): Promise<string>;
  /** Binds the inbox to the module's app key (called by the module), so apps sharing a store stay apart. */
  forApp?(appKey: string): OrderInbox;
}

/** Injection token of the configured {@link OrderInbox}. */
export const OrderInbox = Symbol('OrderInbox');
