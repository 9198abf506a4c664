import { memo, type ComponentType } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { NODE_ROLE, type NodeKind } from '@opscycle/domain';
import type { RuleFlowNode } from '../flowMapping';
import { NODE_EDITORS } from './editors';

/** Where edges may attach: entries and values only feed, outcomes only receive. */
function hasInput(kind: NodeKind): boolean {
  const role = NODE_ROLE[kind];
  return role !== 'entry' && role !== 'value';
}
function hasOutput(kind: NodeKind): boolean {
  return NODE_ROLE[kind] !== 'outcome';
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
      {hasInput(kind) && <Handle type="target" position={Position.Left} />}
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
      {hasOutput(kind) && <Handle type="source" position={Position.Right} />}
      {kind === 'factInput' && (
        <Handle
          type="source"
          id="base"
          position={Position.Bottom}
          title="base"
          style={{ background: '#9a6700' }}
        />
      )}
    </div>
  );
}

export const RuleNodeView = memo(RuleNodeViewImpl);
export const NODE_TYPES = { rule: RuleNodeView };
