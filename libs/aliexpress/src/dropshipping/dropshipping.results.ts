/** Every dropshipping result type, one import away; each lives beside the API it comes from. */
export type * from './freight.results.js';
export type { Money } from '../common/money.js';
export type * from './order.results.js';
export type * from './product.results.js';
export type * from './tracking.results.js';
export type * from './catalog.results.js';
export type * from './image-search.results.js';
export type * from './address.results.js';
export type * from './freight-calculate.results.js';
export type * from './wholesale.results.js';
export type * from './benefit.results.js';
