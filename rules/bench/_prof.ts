import { compileRuleGraph, demoIncentivePlan, evaluatePayeeSync } from '@opscycle/rules';
import { repFacts } from './workload';
const plan = compileRuleGraph(demoIncentivePlan);
const reps = repFacts(50000);
const t = performance.now();
reps.forEach((f, i) => evaluatePayeeSync(plan, { payeeId: 'p' + i, periodId: 'x', facts: f }));
console.log('full', Math.round(50000 / ((performance.now() - t) / 1000)));
