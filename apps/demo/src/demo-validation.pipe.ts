import { AliexpressValidationPipe } from 'nestjs-aliexpress';

/**
 * The demo's validation pipe: the library's {@link AliexpressValidationPipe} (whitelist,
 * transform), so the demo's own DTOs and the library's inputs answer the same `invalid_input`
 * error, each field named once, and a hostile body (5,000 levels deep, arrays inside arrays) is
 * refused with it before any validator recursion.
 */
export function demoValidationPipe(): AliexpressValidationPipe {
  return new AliexpressValidationPipe({ transform: true, refuseNestedArrays: true });
}
