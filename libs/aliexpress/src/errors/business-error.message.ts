/**
 * What the common business codes mean, in words, for the codes whose name alone reads poorly or
 * whose platform message is missing; any other code is read from its name.
 */
const EXPLANATIONS: Readonly<Record<string, string>> = {
  ITEM_ID_NOT_FOUND: 'the product was not found',
  ORDER_NOT_FOUND: 'the order was not found',
  SKU_NOT_EXIST: 'the SKU does not exist for this product',
  REPEATED_ORDER_ERROR: 'an order with this outOrderId was already placed',
  DELIVERY_NOT_AVAILABLE_TO_YOUR_ADDRESS: 'the product cannot be delivered to this address',
};

/** Letters and digits only, lower case: `TRACKING DATA NOT FOUND` and `TRACKING_DATA_NOT_FOUND` agree. */
const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** What {@link businessErrorMessage} is built from. */
export interface BusinessErrorMessageParams {
  apiName: string;
  code: string;
  platformCode?: string;
  /** The platform's own message, when it sent one. */
  detail?: string;
}

/**
 * The message of a business refusal, as one sentence a person can read:
 * `AliExpress refused aliexpress.ds.product.get: the product was not found (ITEM_ID_NOT_FOUND, code 605).`
 * The explanation is the platform's own message when it says more than the code, else the
 * library's words for a known code, else the code's name read as words; the codes close it, so
 * logs can still be searched for them.
 */
export function businessErrorMessage(params: BusinessErrorMessageParams): string {
  const { apiName, code, platformCode, detail } = params;
  const own = detail?.trim();
  const explanation =
    own && squash(own) !== squash(code)
      ? own.replace(/[.!\s]+$/, '')
      : (EXPLANATIONS[code] ??
        code
          .toLowerCase()
          .replace(/[_\s]+/g, ' ')
          .trim());
  const codes =
    platformCode !== undefined && platformCode !== code ? `${code}, code ${platformCode}` : code;
  return `AliExpress refused ${apiName}: ${explanation} (${codes}).`;
}
