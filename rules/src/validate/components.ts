import type { RuleGraph, RuleNodeOf } from '@opscycle/domain';
import type { ErrorReport } from './report';

export function checkTiers(node: RuleNodeOf<'tierTable'>, report: ErrorReport): void {
  const bands = [...node.data.bands].sort((a, b) => a.from - b.from);
  const basis = (b: { rate?: number | undefined; amountMinor?: number | undefined }) =>
    b.rate !== undefined ? 'rate' : 'amount';
  bands.forEach((band, i) => {
    const label = `band ${i + 1} [${band.from}, ${band.to ?? '∞'})`;
    if ((band.rate === undefined) === (band.amountMinor === undefined))
      report.node('RULE_GRAPH_TIER_INVALID_BAND', node.id, `${label} needs either a rate or an amount`);
    else if (basis(band) !== basis(bands[0]!))
      report.node('RULE_GRAPH_TIER_INVALID_BAND', node.id, `${label} mixes rates and amounts in one table`);
    if (band.to !== null && band.to <= band.from)
      report.node('RULE_GRAPH_TIER_INVALID_BAND', node.id, `${label} ends where it starts or before`);
    const next = bands[i + 1];
    if (!next) return;
    const end = band.to ?? Number.POSITIVE_INFINITY;
    if (end > next.from)
      report.node('RULE_GRAPH_TIER_OVERLAP', node.id, `${label} overlaps the band starting at ${next.from}`);
    else if (end < next.from)
      report.node('RULE_GRAPH_TIER_GAP', node.id, `nothing covers ${end} to ${next.from} (after ${label})`);
  });
}

/** Component data the schema cannot check alone, names unique per plan, unambiguous priorities. */
export function checkComponents(graph: RuleGraph, report: ErrorReport): void {
  const componentNames = new Map<string, string>();
  const priorities = new Map<string, string>();
  let drawNode: string | undefined;
  let clawbackNode: string | undefined;
  const claim = (
    map: Map<string, string>,
    key: string,
    nodeId: string,
    message: string,
    code: 'RULE_GRAPH_DUPLICATE_COMPONENT' | 'RULE_GRAPH_AMBIGUOUS_PRIORITY',
  ) => {
    const other = map.get(key);
    if (other !== undefined) report.node(code, nodeId, `${message} (also node ${other})`);
    else map.set(key, nodeId);
  };
  for (const node of graph.nodes) {
    if ('component' in node.data)
      claim(
        componentNames,
        node.data.component,
        node.id,
        `component "${node.data.component}" is named twice`,
        'RULE_GRAPH_DUPLICATE_COMPONENT',
      );
    switch (node.kind) {
      case 'tierTable':
        checkTiers(node, report);
        break;
      case 'spif': {
        const { amountMinorPerDeal, rate, window } = node.data;
        if ((amountMinorPerDeal === undefined) === (rate === undefined))
          report.node(
            'RULE_GRAPH_INVALID_COMPONENT',
            node.id,
            'a SPIF pays either an amount per deal or a rate',
          );
        if (window.from > window.to)
          report.node('RULE_GRAPH_INVALID_COMPONENT', node.id, 'the SPIF window ends before it starts');
        break;
      }
      case 'cap':
        if (node.data.maxMinor === undefined && node.data.pctOfTargetIncentive === undefined)
          report.node(
            'RULE_GRAPH_INVALID_COMPONENT',
            node.id,
            'a cap needs a maximum amount or a % of target incentive',
          );
        break;
      case 'clawback':
        // Each clawback claws every refund back at the rate paid: a second one would claw it again.
        if (clawbackNode !== undefined)
          report.node(
            'RULE_GRAPH_INVALID_COMPONENT',
            node.id,
            `a plan claws each refund back once, with one clawback (also node ${clawbackNode})`,
          );
        clawbackNode ??= node.id;
        break;
      case 'draw':
        if (drawNode !== undefined)
          report.node('RULE_GRAPH_INVALID_COMPONENT', node.id, `a plan has one draw (also node ${drawNode})`);
        drawNode ??= node.id;
        break;
      case 'routeOutcome':
        node.data.approvers.forEach((step, i) => {
          if ((step.role === undefined) === (step.position === undefined))
            report.node(
              'RULE_GRAPH_INVALID_APPROVER',
              node.id,
              `approver ${i + 1}${step.label ? ` (${step.label})` : ''} names ${step.role ? 'both a role and a position' : 'neither a role nor a position'}; give exactly one`,
            );
        });
        claim(
          priorities,
          `route:${node.data.priority}`,
          node.id,
          `priority ${node.data.priority} is used twice`,
          'RULE_GRAPH_AMBIGUOUS_PRIORITY',
        );
        break;
      case 'stageOutcome':
        claim(
          priorities,
          `order:${node.data.order}`,
          node.id,
          `stage order ${node.data.order} is used twice`,
          'RULE_GRAPH_AMBIGUOUS_PRIORITY',
        );
        claim(
          priorities,
          `stage:${node.data.stage}`,
          node.id,
          `stage "${node.data.stage}" is defined twice`,
          'RULE_GRAPH_AMBIGUOUS_PRIORITY',
        );
        break;
      case 'segmentOutcome':
        claim(
          priorities,
          `segment:${node.data.dimension}:${node.data.priority}`,
          node.id,
          `priority ${node.data.priority} is used twice in dimension "${node.data.dimension}"`,
          'RULE_GRAPH_AMBIGUOUS_PRIORITY',
        );
        break;
      default:
        break;
    }
  }
}

export function checkPlanSettings(graph: RuleGraph, report: ErrorReport): void {
  if (!graph.effectiveFrom)
    report.graph('RULE_GRAPH_MISSING_EFFECTIVE_DATES', 'the rule set needs an effectiveFrom date');
  else if (graph.effectiveTo && graph.effectiveTo < graph.effectiveFrom)
    report.graph(
      'RULE_GRAPH_EFFECTIVE_DATES_INVERTED',
      `effectiveTo ${graph.effectiveTo} is before effectiveFrom ${graph.effectiveFrom}`,
    );
  if (graph.kind === 'incentive' && !graph.currency)
    report.graph('RULE_GRAPH_MISSING_CURRENCY', 'an incentive plan pays in one currency; set currency');
}
