import { FACT_CATALOGS, OPERATORS, OPERATOR_SIGNATURES, isNumericFactType } from '@opscycle/domain';
import type { FactCatalog, FactDefinition, FactType, NodeData, Operator, RuleGraph } from '@opscycle/domain';
import { isValidFactPath } from '../factPath';
import type { ErrorReport } from './report';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Resolves a fact read against the catalog: the type of the value it yields, or null after reporting
 * why it cannot be read (unknown fact, or a path on a fact that has no keys / no path on one that does).
 */
export function resolveFactType(
  catalog: FactCatalog,
  ref: { fact: string; path?: string | undefined },
  nodeId: string,
  report: ErrorReport,
): { type: FactType; def: FactDefinition } | null {
  const def = Object.hasOwn(catalog, ref.fact) ? catalog[ref.fact] : undefined;
  if (!def) {
    report.node('RULE_GRAPH_UNKNOWN_FACT', nodeId, `"${ref.fact}" is not a fact of this rule set`);
    return null;
  }
  if (def.type === 'moneyByKey') {
    if (!ref.path || !isValidFactPath(ref.path) || ref.path.split('.').length !== 2) {
      report.node(
        'RULE_GRAPH_INVALID_PATH',
        nodeId,
        `"${ref.fact}" is read by key, with a path such as $.hardware`,
      );
      return null;
    }
    return { type: 'money', def };
  }
  if (ref.path !== undefined) {
    report.node('RULE_GRAPH_INVALID_PATH', nodeId, `"${ref.fact}" has no keys, so it takes no path`);
    return null;
  }
  return { type: def.type, def };
}

function valueMatches(type: FactType, def: FactDefinition, value: unknown): boolean {
  if (isNumericFactType(type))
    return typeof value === 'number' && (type !== 'integer' || Number.isInteger(value));
  switch (type) {
    case 'string':
      return typeof value === 'string' && (!def.values || def.values.includes(value));
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return typeof value === 'string' && ISO_DATE.test(value);
    default:
      return false;
  }
}

function sameTypeClass(a: FactType, b: FactType): boolean {
  return a === b || (isNumericFactType(a) && isNumericFactType(b));
}

export function checkFacts(graph: RuleGraph, report: ErrorReport): void {
  const catalog: FactCatalog = FACT_CATALOGS[graph.kind];
  for (const node of graph.nodes) {
    if (node.kind === 'condition') checkCondition(catalog, node.id, node.data, report);
    if (node.kind === 'factInput') {
      const resolved = resolveFactType(catalog, node.data, node.id, report);
      if (resolved && !isNumericFactType(resolved.type))
        report.node(
          'RULE_GRAPH_TYPE_MISMATCH',
          node.id,
          `"${node.data.fact}" is not a number, so it cannot be paid on`,
        );
    }
    if (node.kind === 'weightedMeasures') {
      let weights = 0;
      for (const measure of node.data.measures) {
        weights += measure.weight;
        const resolved = resolveFactType(catalog, measure, node.id, report);
        if (resolved && !isNumericFactType(resolved.type))
          report.node('RULE_GRAPH_TYPE_MISMATCH', node.id, `measure "${measure.fact}" is not a number`);
        if (measure.floor !== undefined && measure.cap !== undefined && measure.floor > measure.cap)
          report.node(
            'RULE_GRAPH_INVALID_WEIGHTS',
            node.id,
            `measure "${measure.fact}" has its floor above its cap`,
          );
      }
      if (Math.abs(weights - 1) > 1e-9)
        report.node('RULE_GRAPH_INVALID_WEIGHTS', node.id, `measure weights sum to ${weights}, not 1`);
    }
  }
}

function checkCondition(
  catalog: FactCatalog,
  nodeId: string,
  data: NodeData<'condition'>,
  report: ErrorReport,
): void {
  const operatorKnown = (OPERATORS as readonly string[]).includes(data.operator);
  if (!operatorKnown)
    report.node('RULE_GRAPH_UNKNOWN_OPERATOR', nodeId, `"${data.operator}" is not an allowed operator`);
  const resolved = resolveFactType(catalog, data, nodeId, report);
  if (!resolved || !operatorKnown) return;
  const { type, def } = resolved;
  const signature = OPERATOR_SIGNATURES[data.operator as Operator];
  const mismatch = (message: string) => report.node('RULE_GRAPH_TYPE_MISMATCH', nodeId, message);
  if (!(signature.factTypes as readonly FactType[]).includes(type)) {
    mismatch(`"${data.operator}" does not apply to "${data.fact}", a ${type} fact`);
    return;
  }
  if ((data.value === undefined) === (data.valueFact === undefined)) {
    mismatch('compare with either a value or another fact (exactly one)');
    return;
  }
  if (data.valueFact) {
    const other = resolveFactType(catalog, data.valueFact, nodeId, report);
    if (other && (signature.value !== 'same' || !sameTypeClass(type, other.type)))
      mismatch(
        `"${data.fact}" (${type}) cannot be compared with "${data.valueFact.fact}" (${other.type}) by "${data.operator}"`,
      );
    return;
  }
  const value = data.value;
  const ok = (() => {
    switch (signature.value) {
      case 'same':
        return valueMatches(type, def, value);
      case 'list':
        return Array.isArray(value) && value.length > 0 && value.every((v) => valueMatches(type, def, v));
      case 'element':
        return typeof value === 'string';
      case 'range':
        return (
          Array.isArray(value) &&
          value.length === 2 &&
          typeof value[0] === 'number' &&
          typeof value[1] === 'number' &&
          value[0] <= value[1]
        );
    }
  })();
  if (!ok)
    mismatch(
      `value ${JSON.stringify(value)} does not fit "${data.operator}" on "${data.fact}" (${type}${def.values ? `: ${def.values.join('|')}` : ''})`,
    );
}
