/**
 * Every error class of the library, one import away. Each is built from one params object;
 * they are split by concept into the files re-exported here.
 */
export * from './aliexpress.error.js';
export * from './configuration.error.js';
export * from './argument.errors.js';
export * from './gateway.errors.js';
export * from './token.errors.js';
export * from './order.errors.js';
export * from './oauth.errors.js';
