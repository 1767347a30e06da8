/**
 * Ids of the mock gateway's buyers and products (libs/aliexpress/testing/mock-fixtures.ts) that the
 * e2e suites act on, named once so every suite means the same thing by them.
 */

/** The mock's first buyer: the account the e2e suites connect and act for. */
export const ACCOUNT = '4641738246';
/** A phone case with three colour SKUs (the first `14:350853#Black;5:361386`). */
export const PHONE_CASE = '1005006154258794';
/** A single-SKU product (its SKU attribute is ""). */
export const BOTTLE = '1005005123456789';
/** A keyboard whose product id is beyond 2^53 (exact only as a string). */
export const KEYBOARD = '10050061542587941';
