/** Thrown for a bad argument to the mock gateway's constructor or controls. */
export class MockGatewayConfigError extends Error {}
