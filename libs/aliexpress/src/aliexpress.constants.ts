/** Injection token of the validated, defaulted options ({@link ResolvedAliexpressOptions}). */
export const ALIEXPRESS_OPTIONS = Symbol('ALIEXPRESS_OPTIONS');
