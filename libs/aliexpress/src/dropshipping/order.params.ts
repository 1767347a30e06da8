import type { ParamValue } from '../signing/sign-params.js';
import type { CreateOrderInput, OrderAddressInput } from './order.inputs.js';

/* Writes a validated `createOrder` input as `aliexpress.ds.order.create` takes it. */

/** camelCase input field → the platform's `logistics_address` member, for the optional text fields. */
const OPTIONAL_ADDRESS_FIELDS = {
  address2: 'address2',
  zip: 'zip',
  fullName: 'full_name',
  contactPerson: 'contact_person',
  mobileNo: 'mobile_no',
  phoneCountry: 'phone_country',
  locale: 'locale',
  cpf: 'cpf',
  passportNo: 'passport_no',
  passportNoDate: 'passport_no_date',
  passportOrganization: 'passport_organization',
  foreignerPassportNo: 'foreigner_passport_no',
  taxNumber: 'tax_number',
  vatNo: 'vat_no',
  taxCompany: 'tax_company',
  locationTreeAddressId: 'location_tree_address_id',
} as const satisfies Partial<Record<keyof OrderAddressInput, string>>;

/** `logistics_address`: the required members, and each optional one only when given. */
export function orderAddress(address: OrderAddressInput): Record<string, string> {
  const out: Record<string, string> = {
    address: address.address,
    city: address.city,
    province: address.province,
    country: address.country,
  };
  for (const [field, wire] of Object.entries(OPTIONAL_ADDRESS_FIELDS)) {
    const value = address[field as keyof typeof OPTIONAL_ADDRESS_FIELDS];
    if (value !== undefined) out[wire] = value;
  }
  // typed String by the platform ("true"/"false"), whatever its demo shows
  if (address.isForeigner !== undefined) out.is_foreigner = String(address.isForeigner);
  return out;
}

/**
 * `ds_extend_request`: payment (`pay_currency`, `try_to_pay`), promotion and
 * `trade_extra_param.business_model`, each only when asked; undefined when none is.
 */
export function extendRequest(input: CreateOrderInput): Record<string, ParamValue> | undefined {
  const extend: Record<string, ParamValue> = {};
  if (input.payCurrency !== undefined || input.tryToPay !== undefined) {
    extend.payment = {
      ...(input.payCurrency !== undefined ? { pay_currency: input.payCurrency } : {}),
      ...(input.tryToPay !== undefined ? { try_to_pay: input.tryToPay } : {}),
    };
  }
  if (input.promotion) {
    extend.promotion = {
      ...(input.promotion.promotionCode !== undefined
        ? { promotion_code: input.promotion.promotionCode }
        : {}),
      promotion_channel_info: input.promotion.promotionChannelInfo,
    };
  }
  if (input.businessModel) extend.trade_extra_param = { business_model: input.businessModel };
  return Object.keys(extend).length ? extend : undefined;
}
