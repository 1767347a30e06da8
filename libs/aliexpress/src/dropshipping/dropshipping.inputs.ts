/** Every dropshipping input, one import away; each lives beside the API it feeds. */
export * from './freight.inputs.js';
export * from './order.inputs.js';
export * from './product.inputs.js';
export * from './tracking.inputs.js';
export * from './catalog.inputs.js';
export * from './image-search.inputs.js';
export * from './address.inputs.js';
export * from './freight-calculate.inputs.js';
export * from './wholesale.inputs.js';
