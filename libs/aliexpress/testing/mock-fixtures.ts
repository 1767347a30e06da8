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
 * A product with ten SKUs (one per colour), like the documented product.get capture, for the
 * per-call benchmark: about 5 kB as this mock answers it. Appended, so the others keep their place.
 */
export const MOCK_TEN_SKU_PRODUCT: MockProduct = {
  productId: '1005007283645190',
  subject: 'Ergonomic Mesh Office Chair with Adjustable Lumbar Support and Headrest',
  categoryId: '100001233',
  currency: 'USD',
  images: [
    '/__mock/images/chair-front.svg',
    '/__mock/images/chair-side.svg',
    '/__mock/images/chair-back.svg',
    '/__mock/images/chair-detail.svg',
  ],
  storeId: '1103456789',
  storeName: 'Seating Comfort Official Store',
  skus: (
    [
      [193, 'Grey'],
      [29, 'White'],
      [350853, 'Black'],
      [173, 'Blue'],
      [10, 'Red'],
      [175, 'Green'],
      [496, 'Beige'],
      [1254, 'Sky Blue'],
      [691, 'Dark Grey'],
      [366, 'Yellow'],
    ] as const
  ).map(([colourId, colour], i) => ({
    skuId: `12000041836251${String(i).padStart(3, '0')}`,
    skuAttr: `14:${colourId}#${colour}`,
    priceCents: 15999,
    offerCents: 11999 - i * 100,
    stock: i * 37,
    properties: [{ propertyId: 14, name: 'Color', valueId: colourId, value: colour }],
  })),
  shipsTo: COMMON_COUNTRIES,
  weightGrams: 17500,
  evaluation: '4.7',
  sales: 6420,
};

/**
 * The mock catalogue: a multi-SKU product, a single-SKU one, one whose id exceeds 2^53, one with
 * the platform's extras (not sold to KR (602), dispatched 6 h after ordering (tracking 1001 until
 * then), translated subjects, a US sub product id, attributes and wholesale tiers), and the
 * ten-SKU one.
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
  MOCK_TEN_SKU_PRODUCT,
];

/** Finds a catalogue product by id. */
export function findMockProduct(productId: string): MockProduct | undefined {
  return MOCK_PRODUCTS.find((p) => p.productId === productId);
}

/** A category of the mock's category tree (levels 1–3). */
export interface MockCategory {
  categoryId: string;
  name: string;
  level: 1 | 2 | 3 | 4;
  /** Absent for a first-level category. */
  parentId?: string;
}

/** The mock category tree: holds the catalogue products' categories and their ancestors. */
export const MOCK_CATEGORIES: readonly MockCategory[] = [
  { categoryId: '509', name: 'Phones & Telecommunications', level: 1 },
  { categoryId: '380230', name: 'Phone Bags & Cases', level: 2, parentId: '509' },
  { categoryId: '100001204', name: 'Fitted Cases', level: 3, parentId: '380230' },
  { categoryId: '15', name: 'Home & Garden', level: 1 },
  { categoryId: '1503', name: 'Kitchen, Dining & Bar', level: 2, parentId: '15' },
  { categoryId: '200003', name: 'Water Bottles', level: 3, parentId: '1503' },
  { categoryId: '7', name: 'Computer & Office', level: 1 },
  { categoryId: '708', name: 'Computer Peripherals', level: 2, parentId: '7' },
  { categoryId: '70803003', name: 'Keyboards', level: 3, parentId: '708' },
];

/** The first-level ancestor of a category (itself when first-level). */
export function rootCategoryOf(categoryId: string): MockCategory | undefined {
  let category = MOCK_CATEGORIES.find((c) => c.categoryId === categoryId);
  while (category?.parentId) {
    const parentId: string = category.parentId;
    category = MOCK_CATEGORIES.find((c) => c.categoryId === parentId);
  }
  return category;
}

/** A feed (promotion pool) of `aliexpress.ds.feedname.get`, and its product ids in order. */
export interface MockFeed {
  name: string;
  description: string;
  /** Product ids with the first-level category each belongs to. */
  items: Array<{ productId: string; rootCategoryId: string }>;
}

const generatedFeedItems = (count: number, base: bigint, roots: string[]) =>
  Array.from({ length: count }, (_, i) => ({
    productId: String(base + BigInt(i * 7)),
    rootCategoryId: roots[i % roots.length],
  }));

/** The mock feeds: a small one of the catalogue products, and a large one that takes pages. */
export const MOCK_FEEDS: readonly MockFeed[] = [
  {
    name: 'DS_Mock_catalogue',
    description: 'DS_Mock_catalogue',
    items: [
      { productId: '1005006154258794', rootCategoryId: '509' },
      { productId: '1005005123456789', rootCategoryId: '15' },
      { productId: '10050061542587941', rootCategoryId: '7' },
    ],
  },
  {
    name: 'AEB_Global_topsellers_20260101',
    description: 'AEB_Global_topsellers_20260101',
    items: generatedFeedItems(450, 1005007000000001n, ['509', '15', '7']),
  },
];

/** A place of a mock address tree (`aliexpress.ds.address.get`). */
export interface MockPlace {
  name: string;
  type: 'province' | 'city';
  children?: MockPlace[];
}

/** The address trees the mock knows, by country; other countries answer an empty tree. */
export const MOCK_ADDRESS_TREES: Readonly<Record<string, MockPlace[]>> = {
  US: [
    {
      name: 'California',
      type: 'province',
      children: [
        { name: 'Los Angeles', type: 'city' },
        { name: 'San Francisco', type: 'city' },
      ],
    },
    { name: 'New York', type: 'province', children: [{ name: 'New York', type: 'city' }] },
  ],
  FR: [
    { name: 'Paris', type: 'province', children: [{ name: 'Paris', type: 'city' }] },
    { name: "Cote-d'Or", type: 'province', children: [{ name: 'Dijon', type: 'city' }] },
    { name: 'Other', type: 'province' },
  ],
  BR: [
    {
      name: 'Sao Paulo',
      type: 'province',
      children: [
        { name: 'Sao Paulo', type: 'city' },
        { name: 'Campinas', type: 'city' },
      ],
    },
  ],
};
