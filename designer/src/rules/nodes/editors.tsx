import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DRAW_TYPES,
  OPERATOR_SIGNATURES,
  ORG_UNIT_KINDS,
  ROLES,
  TIER_MODES,
  type NodeData,
  type NodeKind,
  type Operator,
  type TierBand,
} from '@opscycle/domain';
import { useNodeEditor } from './editorContext';
import { catalogOf, FactPicker, NumberField, operatorsFor, TextField } from './fields';

type ComponentKind = { [K in NodeKind]: NodeData<K> extends { component: string } ? K : never }[NodeKind];

interface EditorProps<K extends NodeKind> {
  nodeId: string;
  data: NodeData<K>;
}

/** Binds an editor to its node: `set({ ... })` merges into the node's data and records one undo step. */
function useSetter<K extends NodeKind>(nodeId: string, data: NodeData<K>) {
  const { updateNodeData, readOnly, ruleSetKind } = useNodeEditor();
  return {
    readOnly,
    ruleSetKind,
    set: (patch: Partial<NodeData<K>>) => updateNodeData(nodeId, { ...data, ...patch }),
  };
}

function LabelOnly<K extends 'start' | 'all' | 'any' | 'not' | 'gate'>({ nodeId, data }: EditorProps<K>) {
  const { t } = useTranslation();
  const { set, readOnly } = useSetter<K>(nodeId, data);
  return (
    <TextField
      label={t('designer.name')}
      value={data.label}
      readOnly={readOnly}
      onChange={(label) => set({ label } as Partial<NodeData<K>>)}
    />
  );
}

function FactInputEditor({ nodeId, data }: EditorProps<'factInput'>) {
  const { set, readOnly, ruleSetKind } = useSetter<'factInput'>(nodeId, data);
  const def = catalogOf(ruleSetKind)[data.fact];
  return (
    <>
      <FactPicker
        ruleSetKind={ruleSetKind}
        value={data.fact}
        readOnly={readOnly}
        testId={`fact-${nodeId}`}
        onChange={(fact) => set({ fact })}
      />
      {def?.type === 'moneyByKey' && (
        <TextField
          label="$."
          value={data.path}
          readOnly={readOnly}
          onChange={(path) => set({ path: path || undefined })}
        />
      )}
    </>
  );
}

/** Parses the value box according to what the operator compares against. */
function parseValue(
  raw: string,
  shape: 'same' | 'list' | 'element' | 'range',
  numeric: boolean,
  bool: boolean,
) {
  const one = (s: string) => (numeric ? Number(s) : bool ? s === 'true' : s);
  if (shape === 'list')
    return raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(one) as (string | number)[];
  if (shape === 'range') return raw.split(',').map((s) => Number(s.trim()));
  return one(raw.trim());
}

function ConditionEditor({ nodeId, data }: EditorProps<'condition'>) {
  const { t } = useTranslation();
  const { set, readOnly, ruleSetKind } = useSetter<'condition'>(nodeId, data);
  const def = catalogOf(ruleSetKind)[data.fact];
  const operators = operatorsFor(def);
  const signature = OPERATOR_SIGNATURES[data.operator as Operator] as
    { value: 'same' | 'list' | 'element' | 'range' } | undefined;
  const shape = signature?.value ?? 'same';
  const numeric = def ? ['money', 'number', 'integer', 'ratio'].includes(def.type) : false;
  const bool = def?.type === 'boolean';
  const shown = Array.isArray(data.value)
    ? data.value.join(', ')
    : data.value === undefined
      ? ''
      : String(data.value);
  return (
    <>
      <FactPicker
        ruleSetKind={ruleSetKind}
        value={data.fact}
        readOnly={readOnly}
        testId={`fact-${nodeId}`}
        onChange={(fact) => {
          const nextOps = operatorsFor(catalogOf(ruleSetKind)[fact]);
          set({
            fact,
            operator: nextOps.includes(data.operator) ? data.operator : (nextOps[0] ?? data.operator),
          });
        }}
      />
      <label className="field">
        <span>{t('designer.operator')}</span>
        <select
          className="nodrag"
          data-testid={`operator-${nodeId}`}
          value={data.operator}
          disabled={readOnly}
          onChange={(e) => set({ operator: e.target.value })}
        >
          {operators.map((op) => (
            <option key={op} value={op}>
              {t(`operator.${op}`, { defaultValue: op })}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('designer.value')}</span>
        {shape === 'same' && (bool || def?.values) ? (
          <select
            className="nodrag"
            data-testid={`value-${nodeId}`}
            value={shown}
            disabled={readOnly}
            onChange={(e) => set({ value: parseValue(e.target.value, 'same', false, bool) })}
          >
            <option value="" />
            {(bool ? ['true', 'false'] : (def?.values ?? [])).map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        ) : (
          <input
            className="nodrag"
            data-testid={`value-${nodeId}`}
            type={
              shape === 'same' && numeric
                ? 'number'
                : shape === 'same' && def?.type === 'date'
                  ? 'date'
                  : 'text'
            }
            step="any"
            placeholder={shape === 'range' ? 'min, max' : shape === 'list' ? 'a, b, c' : ''}
            value={shown}
            disabled={readOnly}
            onChange={(e) => set({ value: parseValue(e.target.value, shape, numeric, bool) })}
          />
        )}
      </label>
      {def?.type === 'ratio' && <div className="muted">1 = 100%</div>}
    </>
  );
}

/** The payout component's name: what a statement line is called. */
function ComponentField<K extends ComponentKind>({ nodeId, data }: EditorProps<K>) {
  const { updateNodeData, readOnly } = useNodeEditor();
  return (
    <TextField
      label="component"
      value={data.component}
      readOnly={readOnly}
      testId={`component-${nodeId}`}
      onChange={(component) => updateNodeData(nodeId, { ...data, component })}
    />
  );
}

/** Tier-table editor: bands [from, to) of the measure, each paying a rate of the base (阶梯式提成). */
function TierTableEditor({ nodeId, data }: EditorProps<'tierTable'>) {
  const { t } = useTranslation();
  const { set, readOnly } = useSetter<'tierTable'>(nodeId, data);
  const setBand = (index: number, patch: Partial<TierBand>) =>
    set({ bands: data.bands.map((b, i) => (i === index ? { ...b, ...patch } : b)) });
  const num = (s: string) => (s === '' ? null : Number(s));
  return (
    <>
      <ComponentField<'tierTable'> nodeId={nodeId} data={data} />
      <label className="field">
        <span>mode</span>
        <select
          className="nodrag"
          value={data.mode}
          disabled={readOnly}
          onChange={(e) => set({ mode: e.target.value as (typeof TIER_MODES)[number] })}
        >
          {TIER_MODES.map((m) => (
            <option key={m} value={m}>
              {t(`tierMode.${m}`, { defaultValue: m })}
            </option>
          ))}
        </select>
      </label>
      <div className="muted">{t('designer.tiers')}</div>
      <table className="tier-table" data-testid={`tiers-${nodeId}`}>
        <thead>
          <tr>
            <th>{t('designer.from')}</th>
            <th>{t('designer.to')}</th>
            <th>{t('designer.rate')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {data.bands.map((band, i) => (
            <tr key={i}>
              <td>
                <input
                  className="nodrag"
                  type="number"
                  step="any"
                  aria-label={`from-${i}`}
                  value={band.from}
                  disabled={readOnly}
                  onChange={(e) => setBand(i, { from: Number(e.target.value) })}
                />
              </td>
              <td>
                <input
                  className="nodrag"
                  type="number"
                  step="any"
                  aria-label={`to-${i}`}
                  value={band.to ?? ''}
                  placeholder="∞"
                  disabled={readOnly}
                  onChange={(e) => setBand(i, { to: num(e.target.value) })}
                />
              </td>
              <td>
                <input
                  className="nodrag"
                  type="number"
                  step="any"
                  aria-label={`rate-${i}`}
                  value={band.rate === undefined ? '' : +(band.rate * 100).toFixed(6)}
                  disabled={readOnly}
                  onChange={(e) =>
                    setBand(i, { rate: e.target.value === '' ? undefined : Number(e.target.value) / 100 })
                  }
                />
              </td>
              <td>
                <button
                  className="nodrag"
                  disabled={readOnly || data.bands.length < 2}
                  aria-label={`remove-tier-${i}`}
                  onClick={() => set({ bands: data.bands.filter((_, j) => j !== i) })}
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
        data-testid={`add-tier-${nodeId}`}
        disabled={readOnly}
        onClick={() => {
          const last = data.bands[data.bands.length - 1];
          const from = last?.to ?? (last ? last.from + 0.5 : 0);
          const bands = data.bands.map((b, i) =>
            i === data.bands.length - 1 && b.to === null ? { ...b, to: from } : b,
          );
          set({ bands: [...bands, { from, to: null, rate: last?.rate ?? 0 }] });
        }}
      >
        + {t('designer.addTier')}
      </button>
    </>
  );
}

function RateEditor({ nodeId, data }: EditorProps<'rateTimesBase'>) {
  const { t } = useTranslation();
  const { set, readOnly } = useSetter<'rateTimesBase'>(nodeId, data);
  return (
    <>
      <ComponentField<'rateTimesBase'> nodeId={nodeId} data={data} />
      <NumberField
        label={t('designer.rate')}
        value={+(data.rate * 100).toFixed(6)}
        readOnly={readOnly}
        onChange={(v) => set({ rate: (v ?? 0) / 100 })}
      />
    </>
  );
}

function FixedAmountEditor({ nodeId, data }: EditorProps<'fixedAmount'>) {
  const { set, readOnly } = useSetter<'fixedAmount'>(nodeId, data);
  return (
    <>
      <ComponentField<'fixedAmount'> nodeId={nodeId} data={data} />
      <NumberField
        label="amountMinor"
        step={1}
        value={data.amountMinor}
        readOnly={readOnly}
        onChange={(v) => set({ amountMinor: Math.round(v ?? 0) })}
      />
    </>
  );
}

function WeightedMeasuresEditor({ nodeId, data }: EditorProps<'weightedMeasures'>) {
  const { set, readOnly, ruleSetKind } = useSetter<'weightedMeasures'>(nodeId, data);
  return (
    <>
      <ComponentField<'weightedMeasures'> nodeId={nodeId} data={data} />
      {data.measures.map((m, i) => (
        <div key={i} className="field">
          <FactPicker
            ruleSetKind={ruleSetKind}
            value={m.fact}
            readOnly={readOnly}
            onChange={(fact) =>
              set({ measures: data.measures.map((x, j) => (j === i ? { ...x, fact } : x)) })
            }
          />
          <NumberField
            label="w"
            value={m.weight}
            readOnly={readOnly}
            onChange={(weight) =>
              set({ measures: data.measures.map((x, j) => (j === i ? { ...x, weight: weight ?? 0 } : x)) })
            }
          />
        </div>
      ))}
      <button
        className="nodrag"
        disabled={readOnly}
        onClick={() => set({ measures: [...data.measures, { fact: '', weight: 0 }] })}
      >
        +
      </button>
    </>
  );
}

function SpifEditor({ nodeId, data }: EditorProps<'spif'>) {
  const { set, readOnly } = useSetter<'spif'>(nodeId, data);
  return (
    <>
      <ComponentField<'spif'> nodeId={nodeId} data={data} />
      <TextField
        label="from"
        value={data.window.from}
        readOnly={readOnly}
        onChange={(from) => set({ window: { ...data.window, from } })}
      />
      <TextField
        label="to"
        value={data.window.to}
        readOnly={readOnly}
        onChange={(to) => set({ window: { ...data.window, to } })}
      />
      <NumberField
        label="amountMinorPerDeal"
        step={1}
        value={data.amountMinorPerDeal}
        readOnly={readOnly}
        onChange={(v) => set({ amountMinorPerDeal: v === undefined ? undefined : Math.round(v) })}
      />
    </>
  );
}

function MultiplierEditor({ nodeId, data }: EditorProps<'multiplier'>) {
  const { set, readOnly } = useSetter<'multiplier'>(nodeId, data);
  return (
    <NumberField
      label="×"
      value={data.factor}
      readOnly={readOnly}
      onChange={(factor) => set({ factor: factor ?? 1 })}
    />
  );
}

function CapEditor({ nodeId, data }: EditorProps<'cap'>) {
  const { set, readOnly } = useSetter<'cap'>(nodeId, data);
  return (
    <>
      <NumberField
        label="maxMinor"
        step={1}
        value={data.maxMinor}
        readOnly={readOnly}
        onChange={(v) => set({ maxMinor: v === undefined ? undefined : Math.round(v) })}
      />
      <NumberField
        label="× target"
        value={data.pctOfTargetIncentive}
        readOnly={readOnly}
        onChange={(pctOfTargetIncentive) => set({ pctOfTargetIncentive })}
      />
    </>
  );
}

function DrawEditor({ nodeId, data }: EditorProps<'draw'>) {
  const { set, readOnly } = useSetter<'draw'>(nodeId, data);
  return (
    <>
      <ComponentField<'draw'> nodeId={nodeId} data={data} />
      <select
        className="nodrag"
        value={data.drawType}
        disabled={readOnly}
        onChange={(e) => set({ drawType: e.target.value as (typeof DRAW_TYPES)[number] })}
      >
        {DRAW_TYPES.map((d) => (
          <option key={d}>{d}</option>
        ))}
      </select>
      <NumberField
        label="amountMinor"
        step={1}
        value={data.amountMinor}
        readOnly={readOnly}
        onChange={(v) => set({ amountMinor: Math.round(v ?? 0) })}
      />
    </>
  );
}

function RouteOutcomeEditor({ nodeId, data }: EditorProps<'routeOutcome'>) {
  const { t } = useTranslation();
  const { set, readOnly } = useSetter<'routeOutcome'>(nodeId, data);
  return (
    <>
      {data.approvers.map((step, i) => (
        <div key={i} className="field">
          <select
            className="nodrag"
            value={step.role}
            disabled={readOnly}
            onChange={(e) =>
              set({
                approvers: data.approvers.map((s, j) =>
                  j === i ? { ...s, role: e.target.value as (typeof ROLES)[number] } : s,
                ),
              })
            }
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
          <select
            className="nodrag"
            value={step.orgLevel ?? ''}
            disabled={readOnly}
            onChange={(e) =>
              set({
                approvers: data.approvers.map((s, j) =>
                  j === i
                    ? {
                        ...s,
                        orgLevel: (e.target.value || undefined) as
                          (typeof ORG_UNIT_KINDS)[number] | undefined,
                      }
                    : s,
                ),
              })
            }
          >
            <option value="">—</option>
            {ORG_UNIT_KINDS.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
          <button
            className="nodrag"
            disabled={readOnly}
            onClick={() => set({ approvers: data.approvers.filter((_, j) => j !== i) })}
          >
            ×
          </button>
        </div>
      ))}
      <button
        className="nodrag"
        disabled={readOnly}
        onClick={() => set({ approvers: [...data.approvers, { role: 'manager' }] })}
      >
        + {t('nodeKind.routeOutcome')}
      </button>
      <NumberField
        label="priority"
        step={1}
        value={data.priority}
        readOnly={readOnly}
        onChange={(v) => set({ priority: Math.round(v ?? 0) })}
      />
    </>
  );
}

function StageOutcomeEditor({ nodeId, data }: EditorProps<'stageOutcome'>) {
  const { t } = useTranslation();
  const { set, readOnly } = useSetter<'stageOutcome'>(nodeId, data);
  return (
    <>
      <TextField
        label={t('funnel.stage')}
        value={data.stage}
        readOnly={readOnly}
        onChange={(stage) => set({ stage })}
      />
      <NumberField
        label="#"
        step={1}
        value={data.order}
        readOnly={readOnly}
        onChange={(v) => set({ order: Math.max(0, Math.round(v ?? 0)) })}
      />
    </>
  );
}

function SegmentOutcomeEditor({ nodeId, data }: EditorProps<'segmentOutcome'>) {
  const { set, readOnly } = useSetter<'segmentOutcome'>(nodeId, data);
  return (
    <>
      <TextField
        label="dimension"
        value={data.dimension}
        readOnly={readOnly}
        onChange={(dimension) => set({ dimension })}
      />
      <TextField
        label="segment"
        value={data.segment}
        readOnly={readOnly}
        onChange={(segment) => set({ segment })}
      />
      <NumberField
        label="priority"
        step={1}
        value={data.priority}
        readOnly={readOnly}
        onChange={(v) => set({ priority: Math.round(v ?? 0) })}
      />
      <TextField
        label="treatment"
        value={data.treatment}
        readOnly={readOnly}
        onChange={(treatment) => set({ treatment: treatment || undefined })}
      />
    </>
  );
}

function ComponentOnly(props: EditorProps<'clawback'>) {
  return <ComponentField<'clawback'> {...props} />;
}

/** One inline editor per node kind: a new kind does not compile until it has one. */
export const NODE_EDITORS = {
  start: LabelOnly,
  factInput: FactInputEditor,
  condition: ConditionEditor,
  all: LabelOnly,
  any: LabelOnly,
  not: LabelOnly,
  gate: LabelOnly,
  tierTable: TierTableEditor,
  rateTimesBase: RateEditor,
  fixedAmount: FixedAmountEditor,
  weightedMeasures: WeightedMeasuresEditor,
  spif: SpifEditor,
  multiplier: MultiplierEditor,
  cap: CapEditor,
  clawback: ComponentOnly,
  draw: DrawEditor,
  routeOutcome: RouteOutcomeEditor,
  stageOutcome: StageOutcomeEditor,
  segmentOutcome: SegmentOutcomeEditor,
} satisfies { [K in NodeKind]: ComponentType<EditorProps<K>> } satisfies Record<NodeKind, unknown>;
