import { ValidationPipe } from '@nestjs/common';
import { AliexpressValidationError } from 'nestjs-aliexpress';

/**
 * The demo's validation pipe: Nest's `ValidationPipe` (whitelist, transform), whose failures
 * become the library's {@link AliexpressValidationError}, so the demo's own DTOs and the
 * library's inputs answer the same `invalid_input` error, each field named once.
 */
export function demoValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => AliexpressValidationError.fromValidationErrors(errors),
  });
}
