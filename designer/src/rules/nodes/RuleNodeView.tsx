import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { NODE_ROLE, hasOutput, inputSlots } from '@opscycle/domain';
import type { RuleFlowNode } from '../flowMapping';
import { NodeFields } from './NodeFields';

function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The one custom node type: a kind header, its inline editor, and whatever the designer decorates it with. */
function RuleNodeViewImpl({ id, data, selected }: NodeProps<RuleFlowNode>) {
  const { t } = useTranslation();
  const { kind, decoration } = data;
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
      {/* One handle per input the kind takes (NODE_SPECS), labelled with what it is for. */}
      {inputSlots(kind).map(([slot], i, all) => (
        <Handle
          key={slot}
          type="target"
          id={slot}
          position={Position.Left}
          style={{ top: `${((i + 1) * 100) / (all.length + 1)}%` }}
          className={`handle-in handle-${slot}`}
          title={t(`inputSlot.${slot}`)}
          data-testid={`in-${id}-${slot}`}
        >
          {all.length > 1 && <span className="handle-label">{t(`inputSlot.${slot}`)}</span>}
        </Handle>
      ))}
      <div className="kind">
        <span>{t(`nodeKind.${kind}`)}</span>
        <span className="muted">{id}</span>
      </div>
      <NodeFields nodeId={id} kind={kind} data={data.data} />
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
      {hasOutput(kind) && <Handle type="source" position={Position.Right} data-testid={`out-${id}`} />}
    </div>
  );
}

export const RuleNodeView = memo(RuleNodeViewImpl);
export const NODE_TYPES = { rule: RuleNodeView };
