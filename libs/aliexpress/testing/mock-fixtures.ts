/** A buyer account the consent page offers. */
export interface MockBuyer {
  userId: string;
  sellerId: string;
  havanaId: string;
  userNick: string;
  account: string;
  accountPlatform: string;
  locale: string;
}

/** The test buyers shown on the mock consent page; the first is used by auto-approve. */
export const MOCK_BUYERS: readonly MockBuyer[] = [
  {
    userId: '4641738246',
    sellerId: '4641738246',
    havanaId: '408081944474',
    userNick: 'de3031747246rfzae',
    account: 'alice.buyer@example.com',
    accountPlatform: 'buyerApp',
    locale: 'en_US',
  },
  {
    userId: '2208051234567',
    sellerId: '2208051234567',
    havanaId: '501234567890',
    userNick: 'us2208051234xk',
    account: 'bob.dropship@example.com',
    accountPlatform: 'buyerApp',
    locale: 'en_US',
  },
  {
    userId: '3309874561230',
    sellerId: '3309874561230',
    havanaId: '612345678901',
    userNick: 'fr3309874561qa',
    account: 'chloe.boutique@example.com',
    accountPlatform: 'buyerApp',
    locale: 'fr_FR',
  },
];

/** A SKU of a mock product; ids are decimal strings (several exceed 2^53). */
export interface MockSku {
  skuId: string;
  skuAttr: string;
  priceCents: number;
  offerCents: number;
  stock: number;
  properties: Array<{ propertyId: number; name: string; valueId: number; value: string }>;
}

/** A product of the mock catalogue. */
export interface MockProduct {
  productId: string;
  subject: string;
  categoryId: string;
  currency: string;
  /** Image paths the mock itself serves (placeholders), made absolute with its URL when answered. */
  images: string[];
  storeId: string;
  storeName: string;
  skus: MockSku[];
  /** Two-letter countries it ships to. */
  shipsTo: string[];
  weightGrams: number;
  evaluation: string;
  sales: number;
  /** Countries it may not be sold to (product.get answers 602 "Item is not allowed to this country"). */
  notSoldTo?: string[];
  /** Hours after an order before its parcel reaches the carrier (until then tracking answers 1001). */
  dispatchAfterHours?: number;
  /** The subject in other languages, by two-letter language (`target_language`). */
  subjects?: Record<string, string>;
  /** The product id the US market must use (`product_id_converter_result.sub_product_id.US`). */
  usSubProductId?: string;
  /** Product attributes (`ae_item_properties`). */
  attributes?: Array<{ nameId: string; name: string; valueId: string; value: string }>;
  /** Wholesale price tiers, by minimum quantity (`wholesale_price_tiers`). */
  wholesale?: Array<{ minQuantity: number; priceCents: number; discount: string }>;
}

const COMMON_COUNTRIES = ['US', 'GB', 'FR', 'DE', 'ES', 'IT', 'NL', 'BR', 'CA', 'AU', 'PL', 'IL'];

/**
 * The mock catalogue: a multi-SKU product, a single-SKU one, one whose id exceeds 2^53, and one
 * with the platform's extras: not sold to KR (602), dispatched 6 h
 * after ordering (tracking 1001 until then), translated subjects, a US sub product id, attributes
 * and wholesale tiers.
 */
export const MOCK_PRODUCTS: readonly MockProduct[] = [
  {
    productId: '1005006154258794',
    subject: 'Shockproof Silicone Phone Case with Camera Protection',
    categoryId: '380230',
    currency: 'USD',
    images: [
      '/__mock/images/phone-case-black.svg',
      '/__mock/images/phone-case-blue.svg',
      '/__mock/images/phone-case-detail.svg',
    ],
    storeId: '1102345678',
    storeName: 'Case Factory Official Store',
    skus: [
      {
        skuId: '12000036032948733',
        skuAttr: '14:350853#Black;5:361386',
        priceCents: 1299,
        offerCents: 999,
        stock: 120,
        properties: [
          { propertyId: 14, name: 'Color', valueId: 350853, value: 'Black' },
          { propertyId: 5, name: 'Size', valueId: 361386, value: 'iPhone 15' },
        ],
      },
      {
        skuId: '12000036032948734',
        skuAttr: '14:173#Blue;5:361386',
        priceCents: 1299,
        offerCents: 1049,
        stock: 48,
        properties: [
          { propertyId: 14, name: 'Color', valueId: 173, value: 'Blue' },
          { propertyId: 5, name: 'Size', valueId: 361386, value: 'iPhone 15' },
        ],
      },
      {
        skuId: '12000036032948735',
        skuAttr: '14:350853#Black;5:361385',
        priceCents: 1199,
        offerCents: 899,
        stock: 0,
        properties: [
          { propertyId: 14, name: 'Color', valueId: 350853, value: 'Black' },
          { propertyId: 5, name: 'Size', valueId: 361385, value: 'iPhone 14' },
        ],
      },
    ],
    shipsTo: COMMON_COUNTRIES,
    weightGrams: 60,
    evaluation: '4.8',
    sales: 15321,
  },
  {
    productId: '1005005123456789',
    subject: 'Stainless Steel Insulated Water Bottle 750ml',
    categoryId: '200003',
    currency: 'USD',
    images: ['/__mock/images/bottle.svg'],
    storeId: '1109876543',
    storeName: 'Hydra Outdoor Store',
    skus: [
      {
        skuId: '12000031234567890',
        skuAttr: '14:29#White',
        priceCents: 2450,
        offerCents: 1890,
        stock: 300,
        properties: [{ propertyId: 14, name: 'Color', valueId: 29, value: 'White' }],
      },
    ],
    shipsTo: ['US', 'GB', 'FR', 'DE'],
    weightGrams: 420,
    evaluation: '4.6',
    sales: 2210,
  },
  {
    productId: '10050061542587941',
    subject: 'Mechanical Keyboard 75% Hot-Swappable (id beyond 2^53)',
    categoryId: '70803003',
    currency: 'USD',
    images: ['/__mock/images/keyboard.svg', '/__mock/images/keyboard-side.svg'],
    storeId: '1101112223',
    storeName: 'Keys & Co',
    skus: [
      {
        skuId: '12000099999999999',
        skuAttr: '14:193#Grey',
        priceCents: 6999,
        offerCents: 5599,
        stock: 15,
        properties: [{ propertyId: 14, name: 'Color', valueId: 193, value: 'Grey' }],
      },
    ],
    shipsTo: COMMON_COUNTRIES,
    weightGrams: 980,
    evaluation: '4.9',
    sales: 803,
  },
  {
    productId: '1005007421330286',
    subject: 'Ceramic Pour-Over Coffee Dripper Set',
    categoryId: '100004848',
    currency: 'USD',
    images: ['/__mock/images/coffee-dripper.svg'],
    storeId: '1103334445',
    storeName: 'Morning Brew Store',
    skus: [
      {
        skuId: '12000041234500011',
        skuAttr: '14:771#Natural',
        priceCents: 1850,
        offerCents: 1590,
        stock: 75,
        properties: [{ propertyId: 14, name: 'Color', valueId: 771, value: 'Natural' }],
      },
    ],
    shipsTo: [...COMMON_COUNTRIES, 'KR'],
    weightGrams: 610,
    evaluation: '4.7',
    sales: 512,
    notSoldTo: ['KR'],
    dispatchAfterHours: 6,
    subjects: {
      fr: 'Set de filtre à café en céramique',
      es: 'Juego de gotero de café de cerámica',
    },
    usSubProductId: '3256807421330286',
    attributes: [
      { nameId: '2', name: 'Brand Name', valueId: '201541814', value: 'MorningBrew' },
      { nameId: '10', name: 'Material', valueId: '1560', value: 'Ceramic' },
    ],
    wholesale: [
      { minQuantity: 5, priceCents: 1490, discount: '0.06' },
      { minQuantity: 20, priceCents: 1390, discount: '0.13' },
    ],
  },
];

/** Finds a catalogue product by id. */
export function findMockProduct(productId: string): MockProduct | undefined {
  return MOCK_PRODUCTS.find((p) => p.productId === productId);
}
