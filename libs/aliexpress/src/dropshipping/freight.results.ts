import type { Money } from './money.result';

/** `queryFreight`: one way to ship. */
export interface FreightOption {
  code: string;
  company?: string;
  fee: Money;
  freeShipping: boolean;
  minDeliveryDays?: number;
  maxDeliveryDays?: number;
  tracking?: boolean;
  shipFromCountry?: string;
}
