import type { Money } from '../common/money.js';

/**
 * A commission order (one line of a buyer's order that came through your links): ids as exact
 * strings, amounts as decimal strings in the settlement currency.
 */
export interface CommissionOrder {
  orderId: string;
  subOrderId?: string;
  parentOrderNumber?: string;
  orderNumber?: string;
  /** The tracking id the sale is credited to. */
  trackingId?: string;
  /** e.g. "Payment Completed". */
  status?: string;
  orderType?: string;
  /** `affiliate_platform` or `influencer_platform`: who the order is attributed to. */
  orderPlatform?: string;
  effectDetailStatus?: string;
  createdTime?: string;
  paidTime?: string;
  finishedTime?: string;
  completedSettlementTime?: string;
  productId?: string;
  productTitle?: string;
  productCount?: number;
  productDetailUrl?: string;
  productMainImageUrl?: string;
  categoryId?: string;
  shipToCountry?: string;
  commissionRate?: string;
  incentiveCommissionRate?: string;
  paidAmount?: Money;
  finishedAmount?: Money;
  estimatedPaidCommission?: Money;
  estimatedFinishedCommission?: Money;
  estimatedIncentivePaidCommission?: Money;
  estimatedIncentiveFinishedCommission?: Money;
  newBuyerBonusCommission?: Money;
  isNewBuyer?: boolean;
  isHotProduct?: boolean;
  isAffiliateProduct?: boolean;
  /** What you passed in the link's custom parameters. */
  customParameters?: string;
}

/** `listOrders`: one page of commission orders. */
export interface CommissionOrderPage {
  pageNo: number;
  recordCount: number;
  totalPages?: number;
  totalRecords?: number;
  orders: CommissionOrder[];
}

/** `listOrdersByIndex`: one page and the cursor of the next (absent on the last page). */
export interface CommissionOrderIndexPage {
  orders: CommissionOrder[];
  /** Pass it as `startQueryIndexId` for the next page. */
  nextIndexId?: string;
}
