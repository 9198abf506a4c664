import { useTranslation } from 'react-i18next';
import { FACT_CATALOGS, OPERATOR_SIGNATURES, OPERATORS, type FactDefinition } from '@opscycle/domain';
import type { RuleSetKind } from '../model';

/** Small controlled inputs shared by the node editors. `nodrag` keeps typing from dragging the node. */
export function TextField(props: {
  label: string;
  value: string | undefined;
  onChange: (value: string) => void;
  testId?: string;
  readOnly: boolean;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        className="nodrag"
        data-testid={props.testId}
        value={props.value ?? ''}
        disabled={props.readOnly}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

export function NumberField(props: {
  label: string;
  value: number | undefined | null;
  onChange: (value: number | undefined) => void;
  testId?: string;
  readOnly: boolean;
  step?: number;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        className="nodrag"
        type="number"
        step={props.step ?? 'any'}
        data-testid={props.testId}
        value={props.value ?? ''}
        disabled={props.readOnly}
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      />
    </label>
  );
}

export function catalogOf(kind: RuleSetKind): Readonly<Record<string, FactDefinition>> {
  return FACT_CATALOGS[kind];
}

/** Fact picker: only the facts of this rule-set kind's catalog. */
export function FactPicker(props: {
  ruleSetKind: RuleSetKind;
  value: string | undefined;
  onChange: (fact: string) => void;
  readOnly: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const catalog = catalogOf(props.ruleSetKind);
  return (
    <label className="field">
      <span>{t('designer.fact')}</span>
      <select
        className="nodrag"
        data-testid={props.testId}
        value={props.value ?? ''}
        disabled={props.readOnly}
        onChange={(e) => props.onChange(e.target.value)}
      >
        <option value="">—</option>
        {Object.entries(catalog).map(([name, def]) => (
          <option key={name} value={name} title={def.label}>
            {t(`fact.${name}`, { defaultValue: name })}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The operators that accept the chosen fact's type. */
export function operatorsFor(def: FactDefinition | undefined): readonly string[] {
  if (!def) return OPERATORS;
  return OPERATORS.filter((op) =>
    (OPERATOR_SIGNATURES[op].factTypes as readonly string[]).includes(def.type),
  );
}
