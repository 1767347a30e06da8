import { readMemberBenefits } from './benefit.reader.js';

describe('readMemberBenefits', () => {
  it('reads "true"/"false" strings and real booleans; a lone object or {} as lists', () => {
    expect(
      readMemberBenefits({
        result: [
          { code: 'auto-pay', title: 'auto-pay', canApply: 'true', canBenefit: 'false' },
          { code: 'x', canApply: true, canBenefit: true },
          { title: 'no code: dropped' },
        ],
      }),
    ).toEqual([
      { code: 'auto-pay', title: 'auto-pay', canApply: true, canBenefit: false },
      { code: 'x', title: undefined, canApply: true, canBenefit: true },
    ]);
    expect(
      readMemberBenefits({
        result: { code: 'auto-pay', canApply: 'true', canBenefit: 'true' },
      }),
    ).toHaveLength(1);
    expect(readMemberBenefits({ result: {} })).toEqual([]);
  });
});
