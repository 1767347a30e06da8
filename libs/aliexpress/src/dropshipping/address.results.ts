/**
 * A place of the platform's address tree (province, city, district…). Orders must use these
 * names for `province` and `city`, the ones the AliExpress checkout form offers.
 */
export interface AddressNode {
  name: string;
  /** The level: `province`, `city`, … as the platform names it. */
  type?: string;
  /** The platform's code for the place, when it gives one. */
  code?: string;
  children: AddressNode[];
}

/** `getAddressTree`: a country's address tree. */
export interface AddressTree {
  countryCode: string;
  /** The root's level, `country`. */
  type?: string;
  children: AddressNode[];
}
