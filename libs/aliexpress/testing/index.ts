export * from './mock-gateway.js';
export * from './mock-gateway.options.js';
export {
  MOCK_BUYERS,
  MOCK_PRODUCTS,
  type MockBuyer,
  type MockProduct,
  type MockSku,
} from './mock-fixtures.js';
export { DEFAULT_ACCESS_TTL_SECONDS, DEFAULT_REFRESH_TTL_SECONDS } from './mock-auth.store.js';
export {
  MOCK_CPF_RECORDS,
  MOCK_LOGISTICS_SERVICES,
  ORDER_REFUSAL_MESSAGES,
  OUT_ORDER_ID_WINDOW_MS,
  type MockOrderRefusal,
} from './mock-order.handlers.js';
export {
  CLOSED_END_REASON,
  MOCK_PUSH_STATUSES,
  ORDER_STATUS_OF_PUSH,
  defaultNextPushStatus,
  isMockPushStatus,
  type MockPushStatus,
} from './mock-order.lifecycle.js';
export {
  ORDER_STATUS_MESSAGE_TYPE,
  pushMessageBody,
  type MockPushMessage,
} from './mock-webhook.message.js';
export * from './mock-webhook.options.js';
export {
  MOCK_COMMISSION_ORDERS,
  MOCK_FEATURED_PROMOS,
  MOCK_TRACKING_IDS,
  type MockCommissionOrder,
  type MockFeaturedPromo,
} from './mock-affiliate.fixtures.js';
