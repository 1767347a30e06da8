import { minorUnitsToMoney, money } from './money.js';

describe('minorUnitsToMoney', () => {
  it.each([
    ['2532', 'USD', '25.32'],
    ['99', 'USD', '0.99'],
    ['5', 'USD', '0.05'],
    ['0', 'USD', '0.00'],
    ['007353', 'USD', '73.53'],
    ['1500', 'JPY', '1500'],
    ['1234', 'KWD', '1.234'],
  ])('%s %s → %s, without floating point', (value, currency, amount) => {
    expect(minorUnitsToMoney(value, currency)).toEqual({ amount, currency });
  });

  it('takes a JSON number as well as a string', () => {
    expect(minorUnitsToMoney(1000, 'USD')).toEqual({ amount: '10.00', currency: 'USD' });
  });

  it('is undefined for a decimal, a negative, text, an unknown currency or none', () => {
    expect(minorUnitsToMoney('1.0', 'USD')).toBeUndefined();
    expect(minorUnitsToMoney('-5', 'USD')).toBeUndefined();
    expect(minorUnitsToMoney('null', 'USD')).toBeUndefined();
    expect(minorUnitsToMoney('100', 'dollars')).toBeUndefined();
    expect(minorUnitsToMoney('100', undefined)).toBeUndefined();
  });
});

describe('money', () => {
  it('money is a decimal string with its currency, never a float', () => {
    expect(money('12.99', 'USD')).toEqual({ amount: '12.99', currency: 'USD' });
    expect(money(9.5, 'EUR')).toEqual({ amount: '9.5', currency: 'EUR' });
    expect(money('n/a', 'USD')).toBeUndefined();
    expect(money('1.00', undefined)).toBeUndefined();
  });
});
