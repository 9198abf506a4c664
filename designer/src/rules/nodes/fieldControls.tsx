import { useTranslation } from 'react-i18next';
import {
  OPERATOR_SIGNATURES,
  isNumericFactType,
  type FactDefinition,
  type FactType,
  type FieldSpec,
  type Operator,
} from '@opscycle/domain';
import { DraftInput as DraftBox, parseTypedNumber } from '../../shell/DraftInput';
import { useNodeEditor } from './editorContext';
import { catalogOf, operatorsFor } from './fields';

type Data = Record<string, unknown>;

export function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    value === false ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** Minor units in one major unit of the plan's currency (100 for CNY, 1 for JPY). */
export function minorPerMajor(currency: string): number {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits;
  return 10 ** (digits ?? 2);
}

/** Percent and money are typed in people's units and stored in the domain's; rounding here is exact. */
function scaleFor(unit: FieldSpec['unit'], measureType: FactType | undefined, currency: string): number {
  if (unit === 'percent') return 100;
  if (unit === 'money') return 1 / minorPerMajor(currency);
  if (unit === 'measureValue') {
    if (measureType === 'ratio') return 100;
    if (measureType === 'money' || measureType === 'moneyByKey') return 1 / minorPerMajor(currency);
  }
  return 1;
}

function toShown(stored: number, scale: number): string {
  // toPrecision(12) drops float noise (0.07 * 100 = 7.000000000000001) without losing typed digits.
  return String(Number((stored * scale).toPrecision(12)));
}

function toStored(typed: number, scale: number, unit: FieldSpec['unit'], measureType?: FactType): number {
  const stored = Number((typed / scale).toPrecision(12));
  const integral =
    unit === 'money' ||
    unit === 'integer' ||
    (unit === 'measureValue' && (measureType === 'money' || measureType === 'moneyByKey'));
  return integral ? Math.round(stored) : stored;
}

/** The shared draft box, read-only while the designer shows a diff. */
function DraftInput(props: Omit<Parameters<typeof DraftBox>[0], 'disabled' | 'className'>) {
  const { readOnly } = useNodeEditor();
  return <DraftBox {...props} className="nodrag" disabled={readOnly} />;
}

function NumberBox(props: {
  stored: number | undefined | null;
  scale: number;
  unit: FieldSpec['unit'];
  measureType?: FactType | undefined;
  testId: string;
  label: string;
  placeholder?: string | undefined;
  onChange: (value: number | undefined) => void;
}) {
  return (
    <DraftInput
      shown={typeof props.stored === 'number' ? toShown(props.stored, props.scale) : ''}
      testId={props.testId}
      label={props.label}
      placeholder={props.placeholder}
      onText={(typed) => {
        const typedNumber = parseTypedNumber(typed);
        if (typedNumber === undefined) props.onChange(undefined);
        else if (typedNumber !== null)
          props.onChange(toStored(typedNumber, props.scale, props.unit, props.measureType));
      }}
    />
  );
}

function splitList(text: string): string[] {
  return text
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const UNIT_SUFFIX: Partial<Record<FieldSpec['unit'], string>> = { percent: '%', factor: '×' };

/** One control for one field of a node, chosen by the field's unit. */
export function FieldControl(props: {
  nodeId: string;
  field: FieldSpec;
  path: string;
  value: unknown;
  siblings: Data;
  onChange: (value: unknown) => void;
  /** Changes of other fields that a change of this one implies (a fact's operator). */
  onSiblings: (patch: Data) => void;
}) {
  const { t } = useTranslation();
  const { readOnly, ruleSetKind, currency, measureTypes } = useNodeEditor();
  const { field, value, siblings } = props;
  const testId = `field-${props.nodeId}-${props.path}`;
  const label = t(field.label);
  const catalog = catalogOf(ruleSetKind);
  const factOf = (key: string): FactDefinition | undefined =>
    typeof siblings[key] === 'string' ? catalog[siblings[key]] : undefined;

  switch (field.unit) {
    case 'text':
      return (
        <input
          className="nodrag"
          data-testid={testId}
          aria-label={label}
          value={typeof value === 'string' ? value : ''}
          disabled={readOnly}
          onChange={(e) => props.onChange(e.target.value)}
        />
      );
    case 'integer':
    case 'money':
    case 'percent':
    case 'factor':
    case 'measureValue': {
      // A band's bounds are in the banded measure's unit; a weighted measure's in its own fact's.
      const measureType =
        field.unit === 'measureValue' ? (factOf('fact')?.type ?? measureTypes[props.nodeId]) : undefined;
      const scale = scaleFor(field.unit, measureType, currency);
      const suffix =
        field.unit === 'money' || (field.unit === 'measureValue' && scale < 1)
          ? currency
          : field.unit === 'measureValue' && scale === 100
            ? '%'
            : UNIT_SUFFIX[field.unit];
      return (
        <span className="with-unit">
          <NumberBox
            stored={value as number | undefined | null}
            scale={scale}
            unit={field.unit}
            measureType={measureType}
            testId={testId}
            label={label}
            placeholder={field.nullable ? '∞' : undefined}
            onChange={props.onChange}
          />
          {suffix && <span className="unit">{suffix}</span>}
        </span>
      );
    }
    case 'fact':
      return (
        <select
          className="nodrag"
          data-testid={testId}
          aria-label={label}
          value={typeof value === 'string' ? value : ''}
          disabled={readOnly}
          onChange={(e) => {
            const fact = e.target.value;
            props.onChange(fact);
            // A condition's operator must take the new fact's type.
            if ('operator' in siblings) {
              const ops = operatorsFor(catalog[fact]);
              if (!ops.includes(String(siblings.operator)))
                props.onSiblings({ fact, operator: ops[0] ?? siblings.operator });
            }
          }}
        >
          <option value="">—</option>
          {Object.entries(catalog).map(([name, def]) => (
            <option key={name} value={name} title={def.label}>
              {t(`fact.${name}`, { defaultValue: name })}
            </option>
          ))}
        </select>
      );
    case 'keyedFact': {
      // Only a keyed fact (bookings by product line) has keys; the stored path is `$.key`.
      const def = factOf(field.factKey ?? 'fact');
      if (def?.type !== 'moneyByKey')
        return (
          <span className="muted" data-testid={testId}>
            —
          </span>
        );
      const key = typeof value === 'string' ? value.replace(/^\$\./, '') : '';
      return (
        <input
          className="nodrag"
          data-testid={testId}
          aria-label={label}
          placeholder={t('designer.keyHint')}
          value={key}
          disabled={readOnly}
          onChange={(e) => props.onChange(e.target.value.trim() ? `$.${e.target.value.trim()}` : undefined)}
        />
      );
    }
    case 'operator':
      return (
        <select
          className="nodrag"
          data-testid={testId}
          aria-label={label}
          value={typeof value === 'string' ? value : ''}
          disabled={readOnly}
          onChange={(e) => props.onChange(e.target.value)}
        >
          {operatorsFor(factOf('fact')).map((op) => (
            <option key={op} value={op}>
              {t(`operator.${op}`, { defaultValue: op })}
            </option>
          ))}
        </select>
      );
    case 'conditionValue':
      return <ConditionValueBox {...props} testId={testId} label={label} def={factOf('fact')} />;
    case 'date':
      return (
        <input
          className="nodrag"
          type="date"
          data-testid={testId}
          aria-label={label}
          value={typeof value === 'string' ? value : ''}
          disabled={readOnly}
          onChange={(e) => props.onChange(e.target.value)}
        />
      );
    case 'productLines':
      return (
        <DraftInput
          shown={Array.isArray(value) ? value.join(', ') : ''}
          testId={testId}
          label={label}
          placeholder={t('designer.productLinesHint')}
          onText={(text) => props.onChange(splitList(text))}
        />
      );
    case 'boolean':
      return (
        <input
          className="nodrag"
          type="checkbox"
          data-testid={testId}
          aria-label={label}
          checked={value === true}
          disabled={readOnly}
          onChange={(e) => props.onChange(e.target.checked)}
        />
      );
    case 'enum':
      return (
        <select
          className="nodrag"
          data-testid={testId}
          aria-label={label}
          value={typeof value === 'string' ? value : ''}
          disabled={readOnly}
          onChange={(e) => props.onChange(e.target.value || undefined)}
        >
          {field.optional && <option value="">—</option>}
          {(field.options ?? []).map((option) => (
            <option key={option} value={option}>
              {field.optionLabel ? t(`${field.optionLabel}.${option}`, { defaultValue: option }) : option}
            </option>
          ))}
        </select>
      );
    case 'group':
    case 'list':
      // Drawn by NodeFields, which nests their fields.
      return null;
  }
}

/** Parses the value box according to what the operator compares against. */
function parseValue(
  raw: string,
  shape: 'same' | 'list' | 'element' | 'range',
  def: FactDefinition | undefined,
  scale: number,
) {
  const numeric = def ? isNumericFactType(def.type) : false;
  const one = (s: string) =>
    numeric
      ? toStored(Number(s), scale, def?.type === 'money' ? 'money' : 'factor')
      : def?.type === 'boolean'
        ? s === 'true'
        : s;
  if (shape === 'list') return splitList(raw).map(one) as (string | number)[];
  if (shape === 'range') return splitList(raw).map((s) => one(s) as number);
  return raw.trim() === '' ? undefined : one(raw.trim());
}

/**
 * The constant a condition compares with, in the fact's unit: a ratio typed as percent, money in
 * major units, a list or a range as "a, b".
 */
function ConditionValueBox(props: {
  value: unknown;
  siblings: Data;
  testId: string;
  label: string;
  def: FactDefinition | undefined;
  onChange: (value: unknown) => void;
}) {
  const { readOnly, currency } = useNodeEditor();
  const { def } = props;
  const signature = OPERATOR_SIGNATURES[props.siblings.operator as Operator] as
    { value: 'same' | 'list' | 'element' | 'range' } | undefined;
  const shape = signature?.value ?? 'same';
  const scale = def?.type === 'ratio' ? 100 : def?.type === 'money' ? 1 / minorPerMajor(currency) : 1;
  const show = (v: unknown) => (typeof v === 'number' ? toShown(v, scale) : String(v));
  const shown = Array.isArray(props.value)
    ? props.value.map(show).join(', ')
    : props.value === undefined
      ? ''
      : show(props.value);
  if (shape === 'same' && (def?.type === 'boolean' || def?.values))
    return (
      <select
        className="nodrag"
        data-testid={props.testId}
        aria-label={props.label}
        value={shown}
        disabled={readOnly}
        onChange={(e) => props.onChange(parseValue(e.target.value, 'same', def, scale))}
      >
        <option value="" />
        {(def.type === 'boolean' ? ['true', 'false'] : (def.values ?? [])).map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    );
  return (
    <span className="with-unit">
      <DraftInput
        shown={shown}
        testId={props.testId}
        label={props.label}
        type={shape === 'same' && def?.type === 'date' ? 'date' : 'text'}
        placeholder={shape === 'range' ? 'min, max' : shape === 'list' ? 'a, b, c' : ''}
        onText={(text) => props.onChange(parseValue(text, shape, def, scale))}
      />
      {def?.type === 'ratio' && <span className="unit">%</span>}
      {def?.type === 'money' && <span className="unit">{currency}</span>}
    </span>
  );
}
