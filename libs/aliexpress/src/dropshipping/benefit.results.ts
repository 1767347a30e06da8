/** `getMemberBenefits`: one benefit of the dropshipper account (e.g. `auto-pay`). */
export interface MemberBenefit {
  code: string;
  title?: string;
  /** The account may apply for it. */
  canApply: boolean;
  /** The account has it now. */
  canBenefit: boolean;
}
