/** Shared patterns and messages of the dropshipping inputs. */
export const ID = /^\d{1,20}$/;
export const COUNTRY = /^[A-Z]{2}$/;
export const CURRENCY = /^[A-Z]{3}$/;
export const LOCALE = /^[a-z]{2}(_[A-Z]{2})?$/;
export const id = (field: string) => ({
  message: `${field} must be a numeric id given as a string (ids can exceed 2^53)`,
});
export const country = (field: string) => ({
  message: `${field} must be a two-letter country code such as US`,
});
export const currency = (field: string) => ({
  message: `${field} must be a three-letter currency code such as USD`,
});
export const locale = (field: string) => ({ message: `${field} must be a locale such as en_US` });
/** The message of a missing required field: that it is required, and what to send. */
export const required = (field: string, what: string) => ({
  message: `${field} is required: ${what}`,
});
