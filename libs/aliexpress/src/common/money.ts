import { textOf } from '../gateway/gateway-json.fields.js';
import type { Json } from './response-fields.js';

/** An amount of money: a decimal string (never a float) and its currency. */
export interface Money {
  amount: string;
  currency: string;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A decimal amount with its currency; undefined when the amount is not a decimal. */
export function money(amount: Json, currency: Json): Money | undefined {
  const text =
    typeof amount === 'number' ? String(amount) : typeof amount === 'string' ? amount.trim() : '';
  const code = textOf(currency);
  if (!DECIMAL.test(text) || !code) return undefined;
  return { amount: text, currency: code };
}

/* Amounts the platform sends as integers in minor units (image search prices, `freight.cent`). */

/** Decimal places of a currency's minor unit (USD 2, JPY 0), from the runtime's ICU data. */
function minorDigits(currency: string): number | undefined {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits;
  } catch {
    return undefined;
  }
}

/** An integer amount in minor units (`"2532"` USD) as a decimal string (`"25.32"`), exactly. */
export function minorUnitsToMoney(value: Json, currencyValue: Json): Money | undefined {
  const text =
    typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const currency = textOf(currencyValue);
  if (!currency || !/^\d+$/.test(text)) return undefined;
  const digits = minorDigits(currency);
  if (digits === undefined) return undefined;
  if (digits === 0) return { amount: text.replace(/^0+(?=\d)/, ''), currency };
  const padded = text.padStart(digits + 1, '0');
  const whole = padded.slice(0, -digits).replace(/^0+(?=\d)/, '');
  return { amount: `${whole}.${padded.slice(-digits)}`, currency };
}
