import type { RuleGraph } from '@opscycle/domain';
import { demoBudgetRouting } from './budgetRouting';
import { demoCustomerSegments } from './customerSegments';
import { demoDiscountAuthority } from './discountAuthority';
import { demoFunnelStages } from './funnelStages';
import { demoIncentivePlan } from './incentivePlan';

export { aNode, anEdge, layOut } from './build';
export {
  demoBudgetRouting,
  demoCustomerSegments,
  demoDiscountAuthority,
  demoFunnelStages,
  demoIncentivePlan,
};

/** Every demo rule graph, for seeding and designer tests. */
export const DEMO_RULE_GRAPHS: readonly RuleGraph[] = [
  demoIncentivePlan,
  demoDiscountAuthority,
  demoBudgetRouting,
  demoFunnelStages,
  demoCustomerSegments,
];
