import { DomainError } from '@opscycle/domain';
import type {
  CompiledRuleSet,
  ImpactPreview,
  IncentivePeriodInput,
  IncentivePeriodResult,
  PayeeImpact,
  RoutingDecision,
  RuleSetVersion,
  SegmentDecision,
  StageDecision,
} from '@opscycle/domain';
import { compileRuleGraph } from './compile';
import {
  evaluateApprovalRouting,
  evaluateCustomerSegment,
  evaluateDiscountAuthority,
  evaluateFunnelStage,
  evaluateIncentive,
  evaluatePayee,
  periodResult,
} from './evaluate';

export type SimulationResult =
  | { kind: 'incentive'; result: IncentivePeriodResult }
  | { kind: 'approvalRouting' | 'discountAuthority'; result: RoutingDecision }
  | { kind: 'funnelStage'; result: StageDecision }
  | { kind: 'customerSegment'; result: SegmentDecision };

/**
 * Evaluates a draft graph (not yet published) on given facts, through the same compile and
 * json-rules-engine path as a published version. `facts` is an IncentivePeriodInput for incentive
 * plans and the kind's facts otherwise. An invalid draft throws RULES_INVALID_GRAPH with its errors.
 */
export async function simulate(draft: unknown, facts: unknown): Promise<SimulationResult> {
  const compiled = compileRuleGraph(draft);
  switch (compiled.kind) {
    case 'incentive':
      return { kind: 'incentive', result: await evaluateIncentive(compiled, facts as IncentivePeriodInput) };
    case 'approvalRouting':
      return { kind: 'approvalRouting', result: await evaluateApprovalRouting(compiled, facts) };
    case 'discountAuthority':
      return { kind: 'discountAuthority', result: await evaluateDiscountAuthority(compiled, facts) };
    case 'funnelStage':
      return { kind: 'funnelStage', result: await evaluateFunnelStage(compiled, facts) };
    case 'customerSegment':
      return { kind: 'customerSegment', result: await evaluateCustomerSegment(compiled, facts) };
  }
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
