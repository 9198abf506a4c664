import { compileRuleGraph, demoIncentivePlan, runFast } from '@opscycle/rules';
import { payeePayout } from '../src/incentive/payee';
import { repFacts } from './workload';
const plan = compileRuleGraph(demoIncentivePlan);
const N = 50000;
const reps = repFacts(N);
const ctxs = reps.map((facts, i) => ({
  payeeId: 'p' + i,
  facts,
  credited: [],
  refunds: [],
  priorState: { drawBalanceMinor: 0 },
}));
const traces = ctxs.map((c) => runFast(plan, c.facts));
const none = new Map();
for (let round = 0; round < 3; round++) {
  let t = performance.now();
  for (let i = 0; i < N; i++) runFast(plan, ctxs[i]!.facts);
  const a = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < N; i++) payeePayout(plan, ctxs[i]!, traces[i]!, none, 'x');
  const b = performance.now() - t;
  console.log('runFast/s', Math.round(N / (a / 1000)), 'payout/s', Math.round(N / (b / 1000)));
}
