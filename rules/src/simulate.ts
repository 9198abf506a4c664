import { DomainError } from '@opscycle/domain';
import type {
  CompiledRuleSet,
  ImpactPreview,
  IncentivePeriodInput,
  IncentivePeriodResult,
  PayeeImpact,
  RuleSetKind,
  RuleSetVersion,
  SimulationResult,
} from '@opscycle/domain';
import { compileRuleGraph } from './compile';
import {
  evaluateApprovalRouting,
  evaluateApprovalRoutingSync,
  evaluateCustomerSegment,
  evaluateCustomerSegmentSync,
  evaluateDiscountAuthority,
  evaluateDiscountAuthoritySync,
  evaluateFunnelStage,
  evaluateFunnelStageSync,
  evaluateIncentive,
  evaluateIncentiveSync,
  evaluatePayee,
  periodResult,
} from './evaluate';

export type { SimulationResult };

type ResultOf<K extends RuleSetKind, S = SimulationResult> = S extends { kind: infer Kinds; result: infer R }
  ? K extends Kinds
    ? R
    : never
  : never;

/** Each kind's evaluator in both flavours (json-rules-engine, and the closure-compiled one proven equal). */
const EVALUATORS: {
  [K in RuleSetKind]: {
    evaluate: (compiled: CompiledRuleSet, facts: never) => Promise<ResultOf<K>>;
    evaluateSync: (compiled: CompiledRuleSet, facts: never) => ResultOf<K>;
  };
} = {
  incentive: { evaluate: evaluateIncentive, evaluateSync: evaluateIncentiveSync },
  approvalRouting: { evaluate: evaluateApprovalRouting, evaluateSync: evaluateApprovalRoutingSync },
  discountAuthority: { evaluate: evaluateDiscountAuthority, evaluateSync: evaluateDiscountAuthoritySync },
  funnelStage: { evaluate: evaluateFunnelStage, evaluateSync: evaluateFunnelStageSync },
  customerSegment: { evaluate: evaluateCustomerSegment, evaluateSync: evaluateCustomerSegmentSync },
};

// The evaluators check the facts themselves (parseFacts, creditPeriod): anything may be passed in.
const anyFacts = (facts: unknown) => facts as never;

/**
 * Evaluates a draft graph (not yet published) on given facts, through the same compile and
 * json-rules-engine path as a published version. `facts` is an IncentivePeriodInput for incentive
 * plans and the kind's facts otherwise. An invalid draft throws RULES_INVALID_GRAPH with its errors.
 */
export async function simulate(draft: unknown, facts: unknown): Promise<SimulationResult> {
  const compiled = compileRuleGraph(draft);
  const result = await EVALUATORS[compiled.kind].evaluate(compiled, anyFacts(facts));
  return { kind: compiled.kind, result } as SimulationResult;
}

/**
 * The same simulation of an already compiled draft, synchronously: what validation and publication
 * run test cases with (both are synchronous; engine/differential.test.ts proves the two equal).
 */
export function simulateCompiledSync(compiled: CompiledRuleSet, facts: unknown): SimulationResult {
  const result = EVALUATORS[compiled.kind].evaluateSync(compiled, anyFacts(facts));
  return { kind: compiled.kind, result } as SimulationResult;
}

function compiledOf(published: RuleSetVersion | CompiledRuleSet): CompiledRuleSet {
  return 'format' in published ? published : published.compiled;
}

/**
 * What publishing the draft would change: both plans evaluated on the same period's actuals,
 * per payee (and per component) published vs draft, and the totals.
 */
/** A period's actuals: deal lines to credit, or each payee's facts already derived. */
export type ImpactActuals =
  | IncentivePeriodInput
  | { periodId: string; factsByPayee: Readonly<Record<string, Record<string, unknown>>> };

async function evaluateActuals(
  compiled: CompiledRuleSet,
  actuals: ImpactActuals,
): Promise<IncentivePeriodResult> {
  if ('period' in actuals) return evaluateIncentive(compiled, actuals);
  const payees = [];
  for (const [payeeId, facts] of Object.entries(actuals.factsByPayee))
    payees.push(await evaluatePayee(compiled, { payeeId, periodId: actuals.periodId, facts }));
  return periodResult(compiled, actuals.periodId, payees);
}

export async function impactPreview(
  draft: unknown,
  published: RuleSetVersion | CompiledRuleSet,
  actuals: ImpactActuals,
): Promise<ImpactPreview> {
  const draftCompiled = compileRuleGraph(draft);
  const publishedCompiled = compiledOf(published);
  if (draftCompiled.kind !== 'incentive' || publishedCompiled.kind !== 'incentive')
    throw new DomainError('RULES_KIND_MISMATCH', 'impact preview compares two incentive plans');
  if (draftCompiled.currency !== publishedCompiled.currency)
    throw new DomainError(
      'RULES_CURRENCY_MISMATCH',
      `the draft pays in ${draftCompiled.currency}, the published plan in ${publishedCompiled.currency}`,
    );
  const before = await evaluateActuals(publishedCompiled, actuals);
  const after = await evaluateActuals(draftCompiled, actuals);
  return diffPayouts(before, after);
}

export function diffPayouts(before: IncentivePeriodResult, after: IncentivePeriodResult): ImpactPreview {
  const afterByPayee = new Map(after.payees.map((p) => [p.payeeId, p]));
  const payees: PayeeImpact[] = before.payees.map((b) => {
    const a = afterByPayee.get(b.payeeId);
    const components = new Map<string, { publishedMinor: number; draftMinor: number }>();
    const add = (component: string, side: 'publishedMinor' | 'draftMinor', amount: number) => {
      const entry = components.get(component) ?? { publishedMinor: 0, draftMinor: 0 };
      entry[side] += amount;
      components.set(component, entry);
    };
    for (const line of b.lines) add(line.component, 'publishedMinor', line.amountMinor);
    for (const line of a?.lines ?? []) add(line.component, 'draftMinor', line.amountMinor);
    const draftMinor = a?.totalMinor ?? 0;
    return {
      payeeId: b.payeeId,
      publishedMinor: b.totalMinor,
      draftMinor,
      deltaMinor: draftMinor - b.totalMinor,
      components: [...components.entries()]
        .sort(([x], [y]) => (x < y ? -1 : 1))
        .map(([component, v]) => ({ component, ...v, deltaMinor: v.draftMinor - v.publishedMinor })),
    };
  });
  const sum = (pick: (p: PayeeImpact) => number) => payees.reduce((s, p) => s + pick(p), 0);
  return {
    periodId: before.periodId,
    currency: before.currency,
    payees,
    totals: {
      publishedMinor: sum((p) => p.publishedMinor),
      draftMinor: sum((p) => p.draftMinor),
      deltaMinor: sum((p) => p.deltaMinor),
      payeesUp: payees.filter((p) => p.deltaMinor > 0).length,
      payeesDown: payees.filter((p) => p.deltaMinor < 0).length,
      payeesUnchanged: payees.filter((p) => p.deltaMinor === 0).length,
    },
  };
}
