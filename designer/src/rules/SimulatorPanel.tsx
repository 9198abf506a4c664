import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FACT_CATALOGS, type FactDefinition, type RuleTrace } from '@opscycle/domain';
import { ruleSetsApi } from '../api/ruleSets';
import type { RuleGraph } from './model';

function formValue(def: FactDefinition, raw: string): unknown {
  if (raw === '') return undefined;
  switch (def.type) {
    case 'money':
    case 'integer':
    case 'number':
    case 'ratio':
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

/** Facts by form (one input per catalog fact) or as JSON -> the API's simulation -> result and trace. */
export function SimulatorPanel({
  graph,
  onTrace,
}: {
  graph: () => RuleGraph;
  onTrace: (trace: RuleTrace[] | null) => void;
}) {
  const { t } = useTranslation();
  const kind = graph().kind;
  const catalog: Readonly<Record<string, FactDefinition>> = FACT_CATALOGS[kind];
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [form, setForm] = useState<Record<string, string>>({});
  const [json, setJson] = useState('{}');
  const [result, setResult] = useState<unknown>(null);
  const [error, setError] = useState<string | null>(null);

  function factsFromForm(): Record<string, unknown> {
    const facts: Record<string, unknown> = {};
    for (const [name, def] of Object.entries(catalog)) {
      const value = formValue(def, form[name] ?? '');
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
      setError(t('simulator.badJson', { message: (err as Error).message }));
      return;
    }
    try {
      const response = await ruleSetsApi.simulate(graph(), facts);
      setResult(response.result);
      onTrace(response.trace);
    } catch (err) {
      setResult(null);
      onTrace(null);
      setError(t('common.error', { message: (err as Error).message }));
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
      {mode === 'form' ? (
        <table>
          <tbody>
            {Object.entries(catalog).map(([name, def]) => (
              <tr key={name}>
                <td title={def.label}>
                  {t(`fact.${name}`, { defaultValue: name })}
                  <div className="muted">
                    {name} · {def.type}
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
      ) : (
        <textarea
          className="json"
          data-testid="sim-json"
          value={json}
          onChange={(e) => setJson(e.target.value)}
        />
      )}
      <button className="primary" data-testid="simulate" onClick={() => void run()}>
        {t('simulator.run')}
      </button>
      <button onClick={() => onTrace(null)}>{t('common.close')}</button>
      {error && (
        <p className="error" role="alert" data-testid="sim-error">
          {error}
        </p>
      )}
      {result !== null && (
        <>
          <h3>{t('simulator.result')}</h3>
          <pre className="json" data-testid="sim-result">
            {JSON.stringify(result, null, 2)}
          </pre>
        </>
      )}
    </div>
  );
}
