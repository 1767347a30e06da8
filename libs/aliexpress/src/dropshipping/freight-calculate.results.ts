import type { Money } from '../common/money.js';

/** `calculateFreight`: one logistics service and its fee for the buyer. */
export interface FreightEstimate {
  /** The service code, usable as an order item's `logisticsServiceName`. */
  serviceName: string;
  /** The fee in currency units (from `freight.amount`; from `freight.cent` when only that is sent). */
  fee?: Money;
  /** As the platform words it, e.g. `5-8day`. */
  estimatedDeliveryTime?: string;
  trackingAvailable?: boolean;
  /** False when the platform gave this option a non-zero `error_code`. */
  available: boolean;
  /** The option's `error_code` when not `0`. */
  errorCode?: string;
}
