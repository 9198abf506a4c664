import { createContext, useContext } from 'react';
import type { FactType } from '@opscycle/domain';
import type { RuleSetKind } from '../model';

/**
 * What a node's inline editor needs from the designer. Passed by context, never through node.data,
 * so the graph state stays plain serialisable data.
 */
export interface NodeEditorContext {
  ruleSetKind: RuleSetKind;
  readOnly: boolean;
  /** The plan's currency: money fields are typed in its major units. */
  currency: string;
  /** The type of the fact each node bands on its `measure` input (a tier table's bounds follow it). */
  measureTypes: Readonly<Record<string, FactType | undefined>>;
  updateNodeData: (nodeId: string, data: Record<string, unknown>) => void;
}

export const EditorContext = createContext<NodeEditorContext | null>(null);

export function useNodeEditor(): NodeEditorContext {
  const ctx = useContext(EditorContext);
  if (!ctx) throw new Error('node editor outside the rule designer');
  return ctx;
}
