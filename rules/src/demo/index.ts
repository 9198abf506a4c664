import type { RuleGraph } from '@opscycle/domain';
import { demoBudgetRouting } from './budgetRouting';
import { demoCustomerSegments } from './customerSegments';
import { demoDiscountAuthority } from './discountAuthority';
import { demoFunnelStages } from './funnelStages';
import { demoIncentivePlan, demoIncentivePlanFy2026, fieldSalesPlan } from './incentivePlan';
import { demoInquiryRouting } from './inquiryRouting';

export { aNode, anEdge, layOut } from './build';
export {
  demoBudgetRouting,
  demoCustomerSegments,
  demoDiscountAuthority,
  demoFunnelStages,
  demoIncentivePlan,
  demoIncentivePlanFy2026,
  fieldSalesPlan,
  demoInquiryRouting,
};

/** Every demo rule graph, for seeding and designer tests. */
export const DEMO_RULE_GRAPHS: readonly RuleGraph[] = [
  demoIncentivePlan,
  demoDiscountAuthority,
  demoBudgetRouting,
  demoFunnelStages,
  demoCustomerSegments,
  demoIncentivePlanFy2026,
  demoInquiryRouting,
];
