/**
 * Every error class of the library, one import away. Each is built from one params object;
 * they are split by concept into the files re-exported here.
 */
export * from './aliexpress.error';
export * from './configuration.error';
export * from './argument.errors';
export * from './gateway.errors';
export * from './token.errors';
export * from './order.errors';
export * from './oauth.errors';
