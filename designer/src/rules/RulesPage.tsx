import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RULE_SET_KINDS, type RuleSetKind } from '@opscycle/domain';
import { ruleSetsApi } from '../api/ruleSets';
import { useApi } from '../api/useApi';
import { Loadable } from '../shell/Loadable';
import { navigate } from '../shell/route';
import { RuleDesigner } from './RuleDesigner';

export default function RulesPage({ rest }: { rest: string[] }) {
  const [id] = rest;
  return id ? <OpenRuleSet id={id} /> : <RuleSetList />;
}

function OpenRuleSet({ id }: { id: string }) {
  const draft = useApi(() => ruleSetsApi.draft(id), [id]);
  return <Loadable state={draft}>{(graph) => <RuleDesigner key={graph.id} initial={graph} />}</Loadable>;
}

function RuleSetList() {
  const { t } = useTranslation();
  const list = useApi(() => ruleSetsApi.list(), []);
  const [kind, setKind] = useState<RuleSetKind>('incentive');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function create() {
    try {
      const graph = await ruleSetsApi.create({ kind, name });
      navigate('rules', graph.id);
    } catch (err) {
      setError(t('common.error', { message: (err as Error).message }));
    }
  }

  return (
    <div>
      <h1>{t('designer.ruleSets')}</h1>
      <form
        className="row panel"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <strong>{t('designer.newRuleSet')}</strong>
        <select data-testid="new-kind" value={kind} onChange={(e) => setKind(e.target.value as RuleSetKind)}>
          {RULE_SET_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`ruleSetKind.${k}`)}
            </option>
          ))}
        </select>
        <input
          data-testid="new-name"
          placeholder={t('designer.name')}
          value={name}
          required
          onChange={(e) => setName(e.target.value)}
        />
        <button className="primary" type="submit" data-testid="create-rule-set">
          {t('common.add')}
        </button>
        {error && <span className="error">{error}</span>}
      </form>
      <Loadable state={list}>
        {({ ruleSets }) =>
          RULE_SET_KINDS.map((k) => (
            <section key={k}>
              <h2>{t(`ruleSetKind.${k}`)}</h2>
              <table>
                <tbody>
                  {ruleSets
                    .filter((r) => r.kind === k)
                    .map((r) => (
                      <tr key={r.id}>
                        <td>
                          <a href={`#/rules/${encodeURIComponent(r.id)}`} data-testid={`open-${r.id}`}>
                            {r.name}
                          </a>
                        </td>
                        <td className="muted">{r.id}</td>
                        <td>
                          {t('designer.draft')} v{r.draftVersion}
                        </td>
                        <td>
                          {r.publishedVersion
                            ? t('designer.published', { version: r.publishedVersion })
                            : '—'}
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </section>
          ))
        }
      </Loadable>
    </div>
  );
}
