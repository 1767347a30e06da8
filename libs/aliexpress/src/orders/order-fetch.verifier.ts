import { Injectable } from '@nestjs/common';
import { DropshippingService } from '../dropshipping/dropshipping.service.js';
import type { OrderDetails } from '../dropshipping/order.results.js';
import {
  AccountNotConnectedError,
  AliexpressApiError,
  AliexpressBusinessError,
} from '../errors/aliexpress.errors.js';
import { TokenService } from '../tokens/token.service.js';
import type { OrderStatusPush } from './order-push.js';
import { UnprocessableMessageError } from './unprocessable-message.error.js';

/**
 * Business codes that mean the order is not there for this account (it will not appear on a
 * retry): such a message is parked. Any other business error (a platform hiccup reported as a
 * business code, e.g. a system busy) is thrown for a retry with backoff.
 */
const PARKING_CODES = /NOT_FOUND|NOT_EXIST|NO_SUCH|NOT_BELONG/i;

/** A push checked against the gateway: the account that owns the order, and the order itself. */
export interface VerifiedPush {
  accountId: string;
  order: OrderDetails;
}

/**
 * Verify by fetch: a push is only a hint; the order is read with `aliexpress.trade.ds.order.get`
 * (paced and retried like any call) through the connected account that owns it, `data.buyerId`
 * matched to its `user_id`, else `seller_id` to its seller id. An account that is not connected or
 * an order the gateway does not know for it is {@link UnprocessableMessageError}; a failure that
 * may pass (transport, rate limit, reauthorization pending, any other business error) is thrown
 * as it is, for a retry.
 */
@Injectable()
export class OrderFetchVerifier {
  constructor(
    private readonly tokens: TokenService,
    private readonly dropshipping: DropshippingService,
  ) {}

  /** The owning account and the fetched order of a push. */
  async verify(push: OrderStatusPush): Promise<VerifiedPush> {
    const accountId = await this.owner(push);
    if (!accountId)
      throw new UnprocessableMessageError(
        `no connected account has user_id ${push.buyerId ?? '-'} or seller_id ${push.sellerId ?? '-'}`,
      );
    return { accountId, order: await this.fetch(accountId, push.orderId) };
  }

  /** The order as the gateway has it now, for `accountId`. */
  async fetch(accountId: string, orderId: string): Promise<OrderDetails> {
    try {
      return await this.dropshipping.getOrder(accountId, { orderId });
    } catch (error) {
      if (
        (error instanceof AliexpressBusinessError && PARKING_CODES.test(error.code)) ||
        error instanceof AccountNotConnectedError ||
        (error instanceof AliexpressApiError && error.subCode?.startsWith('isv.'))
      )
        throw new UnprocessableMessageError(
          `order ${orderId} could not be read for account ${accountId}: ${error.message}`,
        );
      throw error;
    }
  }

  private async owner(push: OrderStatusPush): Promise<string | undefined> {
    const accounts = await this.tokens.listAccounts();
    const byUser = accounts.find((a) => push.buyerId !== undefined && a.accountId === push.buyerId);
    if (byUser) return byUser.accountId;
    return accounts.find((a) => push.sellerId !== undefined && a.sellerId === push.sellerId)
      ?.accountId;
  }
}
