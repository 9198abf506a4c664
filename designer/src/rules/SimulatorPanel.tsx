import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FACT_CATALOGS, type FactDefinition } from '@opscycle/domain';
import { ApiError } from '../api/client';
import { ruleSetsApi, type SimulationResult } from '../api/ruleSets';
import { formatMoney } from '../format';
import type { SimulationTrace } from './decorations';
import { IncentiveFormView } from './IncentiveFormView';
import { minorPerMajor } from './nodes/fieldControls';
import { toIncentiveInput, type IncentiveForm } from './incentiveInput';
import type { RuleGraph } from './model';

/** A fact typed the way people write it: money in major units, a ratio in percent. */
function formValue(def: FactDefinition, raw: string, currency: string): unknown {
  if (raw === '') return undefined;
  switch (def.type) {
    case 'money':
      return Math.round(Number(raw) * minorPerMajor(currency));
    case 'ratio':
      return Number(raw) / 100;
    case 'integer':
    case 'number':
      return Number(raw);
    case 'boolean':
      return raw === 'true';
    case 'stringList':
      return raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    case 'moneyByKey':
      return JSON.parse(raw) as unknown;
    default:
      return raw;
  }
}

/** Where the trace is in each kind's result: per payout line for incentives, on the decision otherwise. */
export function traceOf(simulation: SimulationResult): SimulationTrace {
  if (simulation.kind === 'incentive') {
    const lines = simulation.result.payees.flatMap((p) => p.lines);
    return {
      rules: lines.flatMap((l) => l.trace.rules),
      steps: lines.flatMap((l) => l.trace.steps),
      currency: simulation.result.currency,
    };
  }
  return { rules: simulation.result.trace };
}

interface Props {
  graph: () => RuleGraph;
  onTrace: (trace: SimulationTrace | null) => void;
  incentiveForm: IncentiveForm;
  onIncentiveForm: (form: IncentiveForm) => void;
}

/** Facts by form or JSON -> the API's simulation of the current draft -> the result, and its trace on the graph. */
export function SimulatorPanel({ graph, onTrace, incentiveForm, onIncentiveForm }: Props) {
  const { t } = useTranslation();
  const { kind, currency } = graph();
  const catalog: Readonly<Record<string, FactDefinition>> = FACT_CATALOGS[kind];
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [form, setForm] = useState<Record<string, string>>({});
  const [json, setJson] = useState('{}');
  const [result, setResult] = useState<SimulationResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  function factsFromForm(): Record<string, unknown> {
    if (kind === 'incentive') return { ...toIncentiveInput(incentiveForm, currency ?? 'CNY') };
    const facts: Record<string, unknown> = {};
    for (const [name, def] of Object.entries(catalog)) {
      const value = formValue(def, form[name] ?? '', currency ?? 'CNY');
      if (value !== undefined) facts[name] = value;
    }
    return facts;
  }

  async function run() {
    setError(null);
    let facts: Record<string, unknown>;
    try {
      facts = mode === 'form' ? factsFromForm() : (JSON.parse(json) as Record<string, unknown>);
    } catch (err) {
      setError(
        mode === 'json'
          ? t('simulator.badJson', { message: (err as Error).message })
          : t('common.error', { message: (err as Error).message }),
      );
      return;
    }
    try {
      const simulation = await ruleSetsApi.simulate(graph(), facts);
      setResult(simulation);
      onTrace(traceOf(simulation));
    } catch (err) {
      setResult(null);
      onTrace(null);
      const details =
        err instanceof ApiError ? (err.details as { errors?: { message: string }[] } | undefined) : undefined;
      const more = details?.errors?.map((e) => e.message).join('; ');
      setError(
        t('common.error', { message: more ? `${(err as Error).message}: ${more}` : (err as Error).message }),
      );
    }
  }

  return (
    <div data-testid="simulator">
      <div className="row">
        <label>
          <input type="radio" checked={mode === 'form'} onChange={() => setMode('form')} />{' '}
          {t('simulator.form')}
        </label>
        <label>
          <input
            type="radio"
            checked={mode === 'json'}
            data-testid="sim-mode-json"
            onChange={() => {
              setJson(JSON.stringify(factsFromForm(), null, 2));
              setMode('json');
            }}
          />{' '}
          {t('simulator.json')}
        </label>
      </div>
      {mode === 'json' ? (
        <textarea
          className="json"
          data-testid="sim-json"
          value={json}
          onChange={(e) => setJson(e.target.value)}
        />
      ) : kind === 'incentive' ? (
        <IncentiveFormView form={incentiveForm} currency={currency ?? 'CNY'} onChange={onIncentiveForm} />
      ) : (
        <table>
          <tbody>
            {Object.entries(catalog).map(([name, def]) => (
              <tr key={name}>
                <td title={def.label}>
                  {t(`fact.${name}`, { defaultValue: name })}
                  <div className="muted">
                    {name} ·{' '}
                    {def.type === 'money' ? (currency ?? 'CNY') : def.type === 'ratio' ? '%' : def.type}
                  </div>
                </td>
                <td>
                  {def.type === 'boolean' || def.values ? (
                    <select
                      data-testid={`sim-${name}`}
                      value={form[name] ?? ''}
                      onChange={(e) => setForm({ ...form, [name]: e.target.value })}
                    >
                      <option value="" />
                      {(def.type === 'boolean' ? ['true', 'false'] : (def.values ?? [])).map((v) => (
                        <option key={v}>{v}</option>
                      ))}
                    </select>
                  ) : (
                    <input
                      data-testid={`sim-${name}`}
                      type={
                        ['money', 'integer', 'number', 'ratio'].includes(def.type)
                          ? 'number'
                          : def.type === 'date'
                            ? 'date'
                            : 'text'
                      }
                      step="any"
                      value={form[name] ?? ''}
                      onChange={(e) => setForm({ ...form, [name]: e.target.value })}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="row">
        <button className="primary" data-testid="simulate" onClick={() => void run()}>
          {t('simulator.run')}
        </button>
        <button
          onClick={() => {
            onTrace(null);
            setResult(null);
          }}
        >
          {t('common.close')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert" data-testid="sim-error">
          {error}
        </p>
      )}
      {result && <SimulationView simulation={result} />}
    </div>
  );
}

function SimulationView({ simulation }: { simulation: SimulationResult }) {
  const { t } = useTranslation();
  if (simulation.kind !== 'incentive') {
    const decision = simulation.result;
    return (
      <div data-testid="sim-result">
        <h3>{t('simulator.result')}</h3>
        {'approvers' in decision && (
          <ol data-testid="sim-approvers">
            {decision.approvers.map((step, i) => (
              <li
                key={i}
                data-testid={`sim-approver-${i}`}
                data-role={step.role}
                data-org-level={step.orgLevel}
              >
                {t(`role.${step.role}`)}
                {step.orgLevel ? ` · ${t(`orgUnitKind.${step.orgLevel}`)}` : ''}
                {step.label ? ` · ${step.label}` : ''}
              </li>
            ))}
          </ol>
        )}
        <p>{decision.explanation}</p>
      </div>
    );
  }
  const { result } = simulation;
  return (
    <div data-testid="sim-result">
      <h3>{t('simulator.result')}</h3>
      {result.payees.map((p) => (
        <table key={p.payeeId}>
          <thead>
            <tr>
              <th>{p.payeeId}</th>
              <th className="num">{t('payouts.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {p.lines.map((line) => (
              <tr key={line.lineKey} data-testid={`sim-line-${line.componentId}`}>
                <td>
                  <strong>{line.component}</strong>
                  {!line.earned && <span className="badge">{t('simulator.notFired')}</span>}
                  <ul className="muted">
                    {line.explanation.map((s, i) => (
                      <li key={i}>{s}</li>
                    ))}
                  </ul>
                </td>
                <td className="num">{formatMoney(line.amountMinor, line.currency)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>{t('common.total')}</th>
              <th className="num" data-testid={`sim-total-${p.payeeId}`}>
                {formatMoney(p.totalMinor, p.currency)}
              </th>
            </tr>
          </tfoot>
        </table>
      ))}
    </div>
  );
}
