import { useTranslation } from 'react-i18next';
import { NODE_SPECS, type FieldSpec, type NodeKind } from '@opscycle/domain';
import { useNodeEditor } from './editorContext';
import { FieldControl, isEmpty } from './fieldControls';
import { catalogOf } from './fields';
import type { RuleSetKind } from '../model';

function isKeyedFact(ruleSetKind: RuleSetKind, fact: unknown): boolean {
  return typeof fact === 'string' && catalogOf(ruleSetKind)[fact]?.type === 'moneyByKey';
}

type Data = Record<string, unknown>;

/**
 * A node's inline editor, drawn from its kind's field list in NODE_SPECS: every field of the data
 * schema has exactly one control (domain/src/rules/nodeSpecs.test.ts proves the list covers the
 * schema), so what the designer can set is what the validator checks and the engine pays.
 */
export function NodeFields({ nodeId, kind, data }: { nodeId: string; kind: NodeKind; data: Data }) {
  const { updateNodeData } = useNodeEditor();
  return (
    <FieldList
      nodeId={nodeId}
      fields={NODE_SPECS[kind].fields}
      value={data}
      path=""
      onChange={(next) => updateNodeData(nodeId, next)}
    />
  );
}

/** Fields of one object (the node's data, a group, a list item), each a labelled control. */
function FieldList(props: {
  nodeId: string;
  fields: readonly FieldSpec[];
  value: Data;
  path: string;
  onChange: (next: Data) => void;
  /** In a list row the column header names the field, so no label. */
  bare?: boolean;
}) {
  const { t } = useTranslation();
  const { ruleSetKind } = useNodeEditor();
  const set = (field: FieldSpec, fieldValue: unknown) =>
    props.onChange(assign(props.value, field, fieldValue));
  return (
    <>
      {props.fields.map((field) => {
        // A key only means something on a keyed fact (bookings by product line).
        if (field.unit === 'keyedFact' && !isKeyedFact(ruleSetKind, props.value[field.factKey ?? 'fact']))
          return props.bare ? <td key={field.key} /> : null;
        const path = props.path ? `${props.path}.${field.key}` : field.key;
        const control =
          field.unit === 'group' ? (
            <GroupControl {...props} field={field} path={path} onChange={(v) => set(field, v)} />
          ) : field.unit === 'list' ? (
            <ListControl {...props} field={field} path={path} onChange={(v) => set(field, v)} />
          ) : (
            <FieldControl
              nodeId={props.nodeId}
              field={field}
              path={path}
              value={props.value[field.key]}
              siblings={props.value}
              onChange={(v) => set(field, v)}
              onSiblings={(patch) =>
                props.onChange({ ...assign(props.value, field, props.value[field.key]), ...patch })
              }
            />
          );
        if (props.bare) return <td key={field.key}>{control}</td>;
        if (field.unit === 'group' || field.unit === 'list') return <div key={field.key}>{control}</div>;
        return (
          <label key={field.key} className="field" data-field={path}>
            <span>{t(field.label)}</span>
            {control}
          </label>
        );
      })}
    </>
  );
}

/** Sets one field: empty optional fields are removed (or null), and filling one clears its rivals. */
function assign(value: Data, field: FieldSpec, fieldValue: unknown): Data {
  const next: Data = { ...value };
  if (isEmpty(fieldValue) && (field.optional || field.nullable)) {
    if (field.nullable) next[field.key] = null;
    else delete next[field.key];
  } else next[field.key] = fieldValue;
  if (!isEmpty(fieldValue)) for (const rival of field.clears ?? []) delete next[rival];
  return next;
}

function GroupControl(props: {
  nodeId: string;
  field: FieldSpec;
  value: Data;
  path: string;
  onChange: (next: unknown) => void;
}) {
  const { t } = useTranslation();
  const group = (props.value[props.field.key] as Data | undefined) ?? {};
  return (
    <fieldset className="field-group" data-field={props.path}>
      <legend>{t(props.field.label)}</legend>
      <FieldList
        nodeId={props.nodeId}
        fields={props.field.fields ?? []}
        value={group}
        path={props.path}
        // An optional group emptied of everything it needs is no group at all.
        onChange={(next) =>
          props.onChange(props.field.optional && Object.values(next).every(isEmpty) ? undefined : next)
        }
      />
    </fieldset>
  );
}

function ListControl(props: {
  nodeId: string;
  field: FieldSpec;
  value: Data;
  path: string;
  onChange: (next: unknown) => void;
}) {
  const { t } = useTranslation();
  const { readOnly } = useNodeEditor();
  const { field } = props;
  const items = (props.value[field.key] as Data[] | undefined) ?? [];
  const fields = field.fields ?? [];
  const setItem = (index: number, item: Data) =>
    props.onChange(items.map((x, i) => (i === index ? item : x)));
  return (
    <div className="field-list" data-field={props.path}>
      <div className="muted">{t(field.label)}</div>
      <table className="tier-table" data-testid={`list-${props.nodeId}-${props.path}`}>
        <thead>
          <tr>
            {fields.map((f) => (
              <th key={f.key}>{t(f.label)}</th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((item, i) => (
            <tr key={i}>
              <FieldList
                nodeId={props.nodeId}
                fields={fields}
                value={item}
                path={`${props.path}.${i}`}
                onChange={(next) => setItem(i, next)}
                bare
              />
              <td>
                <button
                  className="nodrag"
                  disabled={readOnly || items.length <= (field.minItems ?? 0)}
                  aria-label={t('designer.removeItem')}
                  data-testid={`remove-${props.nodeId}-${props.path}.${i}`}
                  onClick={() => props.onChange(items.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        className="nodrag"
        disabled={readOnly}
        data-testid={`add-${props.nodeId}-${props.path}`}
        onClick={() => props.onChange(appendItem(field, items))}
      >
        + {t(field.label)}
      </button>
    </div>
  );
}

/**
 * The list after "+". A list whose items are consecutive ranges (`continues`: a tier table's bands)
 * gets an item that starts where the last one ended, closing an open last one there, and pays like it,
 * so adding a band never leaves a gap or an overlap to fix by hand.
 */
function appendItem(field: FieldSpec, items: readonly Data[]): Data[] {
  const last = items[items.length - 1];
  if (!field.continues || !last) return [...items, { ...(field.newItem ?? {}) }];
  const { from, to } = field.continues;
  const start = typeof last[to] === 'number' ? last[to] : Number(last[from]) + 1;
  return [...items.slice(0, -1), { ...last, [to]: start }, { ...last, [from]: start, [to]: null }];
}
