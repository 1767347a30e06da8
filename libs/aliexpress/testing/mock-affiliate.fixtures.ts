import { MOCK_PRODUCTS, type MockProduct } from './mock-fixtures.js';

/* The affiliate side of the mock: tracking ids, commission rates, featured promotions and the
 * commission orders, over the same catalogue the dropshipping handlers serve. */

/**
 * The tracking ids the mock's fixture commission orders carry (any app may use them). The mock
 * accepts every well-formed tracking id unless given its `trackingIds` (these, for example).
 */
export const MOCK_TRACKING_IDS: readonly string[] = ['mock_tracking', 'e2e_tracking', 'demo_site'];

/** A product's affiliate terms: commission rates as the platform writes them. */
export interface MockAffiliateTerms {
  commissionRate: string;
  hotProductCommissionRate: string;
  /** A hot product (`hotproduct.query` lists it). */
  hot: boolean;
}

/** Products selling at least this many count as hot. */
const HOT_SALES = 2000;

/** The affiliate terms of a catalogue product (derived, so every product has some). */
export function affiliateTermsOf(product: MockProduct): MockAffiliateTerms {
  const hot = product.sales >= HOT_SALES;
  return {
    commissionRate: hot ? '7.0%' : '5.0%',
    hotProductCommissionRate: hot ? '12.0%' : '0.0%',
    hot,
  };
}

/** A featured promotion of `featuredpromo.get`, and the products it holds. */
export interface MockFeaturedPromo {
  name: string;
  description: string;
  productIds: string[];
}

/** The featured promotions: the hot products, and the whole catalogue. */
export const MOCK_FEATURED_PROMOS: readonly MockFeaturedPromo[] = [
  {
    name: 'Hot Product',
    description: 'Products with the highest commissions',
    productIds: MOCK_PRODUCTS.filter((p) => affiliateTermsOf(p).hot).map((p) => p.productId),
  },
  {
    name: 'Mock Catalogue',
    description: 'Every product of the mock catalogue',
    productIds: MOCK_PRODUCTS.map((p) => p.productId),
  },
];

/** A commission order: one line of a buyer's order that came through a promotion link. */
export interface MockCommissionOrder {
  /** Exact decimal id (one exceeds 2^53). */
  orderId: string;
  parentOrderNumber: string;
  trackingId: string;
  productId: string;
  productCount: number;
  /** "Payment Completed" or "Buyer Confirmed Receipt". */
  status: string;
  /** `yyyy-MM-dd HH:mm:ss`, platform time. */
  createdTime: string;
  /** Paid amount in cents (USD). */
  paidCents: number;
  /** Commission rate in per cent (a whole number). */
  ratePercent: number;
  isNewBuyer: boolean;
}

/** The commission orders of the mock's affiliate account, oldest first. */
export const MOCK_COMMISSION_ORDERS: readonly MockCommissionOrder[] = [
  [
    '8200000000000101',
    'mock_tracking',
    '1005006154258794',
    2,
    'Payment Completed',
    '2026-01-05 09:15:00',
    1998,
    7,
    true,
  ],
  [
    '8200000000000102',
    'mock_tracking',
    '1005005123456789',
    1,
    'Buyer Confirmed Receipt',
    '2026-01-06 18:40:12',
    1890,
    7,
    false,
  ],
  [
    '9007199254740993',
    'e2e_tracking',
    '10050061542587941',
    1,
    'Payment Completed',
    '2026-01-07 11:02:55',
    5599,
    5,
    false,
  ],
  [
    '8200000000000104',
    'e2e_tracking',
    '1005006154258794',
    1,
    'Payment Completed',
    '2026-01-08 07:30:00',
    1049,
    7,
    true,
  ],
  [
    '8200000000000105',
    'demo_site',
    '1005007421330286',
    3,
    'Buyer Confirmed Receipt',
    '2026-01-09 21:10:41',
    4770,
    5,
    false,
  ],
  [
    '8200000000000106',
    'mock_tracking',
    '1005007283645190',
    1,
    'Payment Completed',
    '2026-01-10 13:00:00',
    11999,
    7,
    false,
  ],
  [
    '8200000000000107',
    'e2e_tracking',
    '1005005123456789',
    2,
    'Payment Completed',
    '2026-01-11 16:45:30',
    3780,
    7,
    true,
  ],
].map(
  ([
    orderId,
    trackingId,
    productId,
    productCount,
    status,
    createdTime,
    paidCents,
    ratePercent,
    isNewBuyer,
  ]) => ({
    orderId: orderId as string,
    parentOrderNumber: String(BigInt(orderId as string) - 100n),
    trackingId: trackingId as string,
    productId: productId as string,
    productCount: productCount as number,
    status: status as string,
    createdTime: createdTime as string,
    paidCents: paidCents as number,
    ratePercent: ratePercent as number,
    isNewBuyer: isNewBuyer as boolean,
  }),
);
