import { AliexpressValidationError } from '../../libs/aliexpress/src/errors/aliexpress.errors.js';

/** Runs `call` and expects it to fail with an {@link AliexpressValidationError} naming exactly `fields`. */
export async function expectValidationError(
  call: () => Promise<unknown>,
  fields: string[],
): Promise<void> {
  const error = await call().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AliexpressValidationError);
  expect((error as AliexpressValidationError).fields).toEqual(fields);
}
