/** The rule-graph types the designer edits: OpsCycle's own, from @opscycle/domain. */
export type {
  NodeKind,
  RuleEdge as RuleGraphEdge,
  RuleGraph,
  RuleNode as RuleGraphNode,
  RuleSetKind,
} from '@opscycle/domain';
