import { MOCK_BUYERS } from './mock-fixtures.js';

import type { BusinessHandler } from './mock-business.context.js';

/* `aliexpress.ds.member.benefit.get`: booleans as "true"/"false" strings, as documented. */

/** The auto-pay benefit: every test buyer may apply for it; the first one has it. */
export const memberBenefitGet: BusinessHandler = (ctx) => {
  const hasAutoPay = ctx.buyer.userId === MOCK_BUYERS[0].userId;
  return {
    result: [
      {
        canApply: 'true',
        code: 'auto-pay',
        title: 'auto-pay',
        canBenefit: String(hasAutoPay),
      },
    ],
    code: '0',
    rsp_code: '200',
    rsp_msg: 'Call succeeds',
  };
};
