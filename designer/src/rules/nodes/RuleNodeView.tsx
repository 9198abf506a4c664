import { memo, type ComponentType } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { NODE_ACCEPTS, NODE_KINDS, NODE_ROLE, TIER_INPUT_HANDLES, type NodeKind } from '@opscycle/domain';
import type { RuleFlowNode } from '../flowMapping';
import { NODE_EDITORS } from './editors';

/** Where edges may attach, from the domain's connection table: a kind nothing accepts has no output. */
function hasInput(kind: NodeKind): boolean {
  return NODE_ACCEPTS[kind].length > 0;
}
function hasOutput(kind: NodeKind): boolean {
  return NODE_KINDS.some((target) => (NODE_ACCEPTS[target] as readonly NodeKind[]).includes(kind));
}

function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The one custom node type: a kind header, its inline editor, and whatever the designer decorates it with. */
function RuleNodeViewImpl({ id, data, selected }: NodeProps<RuleFlowNode>) {
  const { t } = useTranslation();
  const { kind, decoration } = data;
  const Editor = NODE_EDITORS[kind] as ComponentType<{ nodeId: string; data: unknown }>;
  const classes = ['rule-node', `role-${NODE_ROLE[kind]}`];
  if (selected) classes.push('selected');
  if (decoration.problems?.length) classes.push('invalid');
  if (decoration.trace?.fired) classes.push('fired');
  if (decoration.diff) classes.push(`diff-${decoration.diff}`);
  return (
    <div
      className={classes.join(' ')}
      data-testid={`node-${id}`}
      data-kind={kind}
      data-fired={decoration.trace ? String(decoration.trace.fired) : undefined}
      data-diff={decoration.diff}
    >
      {hasInput(kind) && <Handle type="target" position={Position.Left} data-testid={`in-${id}`} />}
      <div className="kind">
        <span>{t(`nodeKind.${kind}`)}</span>
        <span className="muted">{id}</span>
      </div>
      <Editor nodeId={id} data={data.data} />
      {decoration.trace && (
        <div className="trace" data-testid={`trace-${id}`}>
          {decoration.trace.fired ? '✔' : '✗'}{' '}
          {Object.entries(decoration.trace.values ?? {})
            .map(([k, v]) => `${k}=${formatValue(v)}`)
            .join(' ')}
        </div>
      )}
      {decoration.problems && decoration.problems.length > 0 && (
        <ul className="problems" data-testid={`problems-${id}`}>
          {decoration.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {kind === 'factInput'
        ? // A fact feeds a tier table either as the measure banded or as the base paid on.
          TIER_INPUT_HANDLES.map((handle, i) => (
            <Handle
              key={handle}
              type="source"
              id={handle}
              position={i === 0 ? Position.Right : Position.Bottom}
              title={handle}
              className={`handle-${handle}`}
              data-testid={`handle-${id}-${handle}`}
            />
          ))
        : hasOutput(kind) && <Handle type="source" position={Position.Right} data-testid={`out-${id}`} />}
    </div>
  );
}

export const RuleNodeView = memo(RuleNodeViewImpl);
export const NODE_TYPES = { rule: RuleNodeView };
