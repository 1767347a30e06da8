/** An amount of money: a decimal string (never a float) and its currency. */
export interface Money {
  amount: string;
  currency: string;
}
