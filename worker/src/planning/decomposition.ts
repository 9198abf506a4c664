import {
  allocateByWeights,
  type CustomerSize,
  type PlanningNode,
  type QuotaAllocation,
  type QuotaMixLine,
  type TargetWeights,
} from '@opscycle/domain';
import { planningError } from './errors';

/** Last year's revenue of one rep (or of a team's departed reps: repId not in the tree) in one mix cell. */
export interface HistoryLine {
  teamId: string;
  repId: string;
  productLine: string;
  customerSize: CustomerSize;
  revenueMinor: number;
}

export interface TargetDecompositionInput {
  fiscalYear: number;
  currency: string;
  rootId: string;
  totalMinor: number;
  /** The root and everything below it: regions, teams (org units) and reps (people). */
  nodes: readonly PlanningNode[];
  history: readonly HistoryLine[];
  /**
   * Potential per node (e.g. a region's market size). When no sibling has an entry, their rep counts
   * stand in (capacity as potential); when some have one, a sibling without an entry has none.
   */
  potential?: ReadonlyMap<string, number>;
  weights: TargetWeights;
  /** 12 monthly weights for the phasing (the forecast's seasonal indices). */
  seasonalIndices: readonly number[];
}

type Mix = Map<string, number>; // `${productLine}|${customerSize}` -> revenue
const cellOf = new Map<string, { productLine: string; customerSize: CustomerSize }>();
function mixKey(productLine: string, customerSize: CustomerSize): string {
  const key = `${productLine}|${customerSize}`;
  if (!cellOf.has(key)) cellOf.set(key, { productLine, customerSize });
  return key;
}

function addMix(into: Mix, from: Mix) {
  for (const [key, value] of from) into.set(key, (into.get(key) ?? 0) + value);
}

/**
 * Decomposes the root's target down the tree (company -> region -> team -> rep).
 *
 * Each child's weight = weights.historyShare x (its share of its siblings' history) +
 * weights.potential x (its share of its siblings' potential). The parent's amount is split with
 * allocateByWeights, children ordered by id: parts are floored, the residue goes one minor unit at
 * a time to the largest fractional parts, ties to the smaller id. So children always sum exactly to
 * their parent, and the same input gives the same split whatever order the nodes come in.
 * When every sibling weighs 0 (no history, no potential) the split is equal.
 *
 * Each allocation also carries a mix by product line x customer size (its own history mix, or its
 * parent's when it has none) and a monthly phasing by the seasonal indices; both sum exactly too.
 */
export function decomposeTarget(input: TargetDecompositionInput): QuotaAllocation[] {
  const byId = new Map(input.nodes.map((n) => [n.id, n]));
  const root = byId.get(input.rootId);
  if (!root)
    throw planningError('PLANNING_UNKNOWN_UNIT', `root ${input.rootId} is not in the tree`, {
      unitId: input.rootId,
    });
  if (!Number.isSafeInteger(input.totalMinor) || input.totalMinor < 0)
    throw planningError(
      'PLANNING_INVALID_INPUT',
      `target ${input.totalMinor} is not a non-negative integer amount`,
    );
  if (input.seasonalIndices.length !== 12)
    throw planningError('PLANNING_INVALID_INPUT', 'seasonal indices need 12 months');
  const children = new Map<string, PlanningNode[]>();
  for (const node of input.nodes) {
    if (node.id === root.id || node.parentId === null) continue;
    if (!byId.has(node.parentId))
      throw planningError(
        'PLANNING_UNKNOWN_UNIT',
        `${node.id} has parent ${node.parentId}, not in the tree`,
        {
          unitId: node.id,
          parentId: node.parentId,
        },
      );
    children.set(node.parentId, [...(children.get(node.parentId) ?? []), node]);
  }
  for (const list of children.values()) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  // History per node: reps from their own lines, teams from every line of the team (departed reps
  // included), upper levels as the sum of their children.
  const mixOf = new Map<string, Mix>();
  // Grouped once by rep and by team: a lookup per node keeps 5,000 reps linear, not quadratic.
  const byRep = new Map<string, Mix>();
  const byTeam = new Map<string, Mix>();
  const add = (groups: Map<string, Mix>, id: string, l: HistoryLine) => {
    const mix = groups.get(id) ?? new Map<string, number>();
    const key = mixKey(l.productLine, l.customerSize);
    mix.set(key, (mix.get(key) ?? 0) + l.revenueMinor);
    groups.set(id, mix);
  };
  for (const l of input.history) {
    add(byRep, l.repId, l);
    add(byTeam, l.teamId, l);
  }
  const lineMix = (groups: Map<string, Mix>, id: string): Mix => new Map(groups.get(id) ?? []);
  const repCount = new Map<string, number>();
  const collect = (node: PlanningNode, depth: number): void => {
    if (depth > input.nodes.length)
      throw planningError('PLANNING_INVALID_INPUT', `the tree has a loop at ${node.id}`);
    const kids = children.get(node.id) ?? [];
    kids.forEach((kid) => collect(kid, depth + 1));
    if (node.kind === 'rep') {
      mixOf.set(node.id, lineMix(byRep, node.id));
      repCount.set(node.id, 1);
    } else {
      const mix = node.kind === 'team' ? lineMix(byTeam, node.id) : new Map<string, number>();
      if (node.kind !== 'team')
        kids.forEach((kid) => addMix(mix, mixOf.get(kid.id) ?? new Map<string, number>()));
      mixOf.set(node.id, mix);
      repCount.set(
        node.id,
        kids.reduce((sum, kid) => sum + (repCount.get(kid.id) ?? 0), 0),
      );
    }
  };
  collect(root, 0);
  const total = (mix: Mix | undefined) =>
    [...(mix ?? new Map<string, number>()).values()].reduce((a, b) => a + b, 0);

  const allocations: QuotaAllocation[] = [];
  const emit = (node: PlanningNode, amountMinor: number, weight: number, parentMix: Mix) => {
    const own = mixOf.get(node.id) ?? new Map<string, number>();
    const mixWeights = total(own) > 0 ? own : parentMix;
    const cells = [...mixWeights.keys()].sort();
    const mixSplit = allocateByWeights(
      amountMinor,
      cells.map((key) => ({ key, weight: mixWeights.get(key) ?? 0 })),
    );
    const mix: QuotaMixLine[] = cells.flatMap((key) => {
      const cell = cellOf.get(key);
      return cell ? [{ ...cell, amountMinor: mixSplit.get(key) ?? 0 }] : [];
    });
    if (cells.length === 0 && amountMinor !== 0)
      throw planningError(
        'PLANNING_NOT_ENOUGH_HISTORY',
        `no product-line history to split ${node.id}'s target by`,
        {
          unitId: node.id,
        },
      );
    const monthly = allocateByWeights(
      amountMinor,
      input.seasonalIndices.map((weight, month) => ({ key: month, weight })),
    );
    allocations.push({
      fiscalYear: input.fiscalYear,
      unitId: node.id,
      unitKind: node.kind,
      parentId: node.parentId,
      currency: input.currency,
      amountMinor,
      monthlyMinor: Array.from({ length: 12 }, (_, month) => monthly.get(month) ?? 0),
      mix,
      historyMinor: total(own),
      potential: input.potential?.get(node.id) ?? repCount.get(node.id) ?? 0,
      weight,
    });
    const kids = children.get(node.id) ?? [];
    if (kids.length === 0) return;
    const shares = (values: number[]) => {
      const sum = values.reduce((a, b) => a + b, 0);
      return values.map((v) => (sum > 0 ? v / sum : 0));
    };
    const history = shares(kids.map((kid) => total(mixOf.get(kid.id))));
    const explicit = kids.some((kid) => input.potential?.has(kid.id));
    const potential = shares(
      kids.map((kid) => (explicit ? (input.potential?.get(kid.id) ?? 0) : (repCount.get(kid.id) ?? 0))),
    );
    const weights = kids.map(
      (_, i) =>
        input.weights.historyShare * (history[i] ?? 0) + input.weights.potential * (potential[i] ?? 0),
    );
    const split = allocateByWeights(
      amountMinor,
      kids.map((kid, i) => ({ key: kid.id, weight: weights[i] ?? 0 })),
    );
    kids.forEach((kid, i) => emit(kid, split.get(kid.id) ?? 0, weights[i] ?? 0, mixWeights));
  };
  emit(root, input.totalMinor, 1, new Map());
  return allocations;
}
