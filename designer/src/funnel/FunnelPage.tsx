import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConditionTrace, RuleGraph } from '@opscycle/domain';
import { funnelApi, type FunnelReport } from '../api/funnel';
import { ruleSetsApi } from '../api/ruleSets';
import { useApi } from '../api/useApi';
import { useUser } from '../auth/session';
import { formatPct } from '../format';
import { Loadable } from '../shell/Loadable';
import { navigate } from '../shell/route';

/**
 * The funnel designer (销售漏斗): a funnelStage rule set's stages in order, each stage's entry
 * criteria edited in the rule designer, and how the period's deals fall through them.
 */
export default function FunnelPage({ rest }: { rest: string[] }) {
  const { t } = useTranslation();
  const list = useApi(() => ruleSetsApi.list('funnelStage'), []);
  const chosen = rest[0];
  return (
    <div>
      <h1>{t('funnel.title')}</h1>
      <Loadable state={list}>
        {({ ruleSets }) => {
          const id = chosen ?? ruleSets[0]?.id;
          return (
            <>
              <div className="row">
                {ruleSets.map((r) => (
                  <button
                    key={r.id}
                    className={r.id === id ? 'primary' : ''}
                    onClick={() => navigate('funnel', r.id)}
                  >
                    {r.name}
                  </button>
                ))}
              </div>
              {id ? <Funnel ruleSetId={id} /> : <p className="muted">{t('common.noData')}</p>}
            </>
          );
        }}
      </Loadable>
    </div>
  );
}

type StageNode = Extract<RuleGraph['nodes'][number], { kind: 'stageOutcome' }>;

/** The current calendar (= fiscal) year up to today: the default range of deals measured. */
function yearToDate(): { from: string; to: string } {
  const today = new Date().toISOString().slice(0, 10);
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

function Funnel({ ruleSetId }: { ruleSetId: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const [orgUnitId, setOrgUnitId] = useState(user.orgUnitId);
  const [{ from, to }, setRange] = useState(yearToDate);
  const draft = useApi(() => ruleSetsApi.draft(ruleSetId), [ruleSetId]);
  const report = useApi(
    () => funnelApi.report(ruleSetId, { orgUnitId, from, to }),
    [ruleSetId, orgUnitId, from, to],
  );
  return (
    <>
      <div className="row">
        <label>
          {t('inbox.orgUnit')}{' '}
          <input data-testid="funnel-unit" value={orgUnitId} onChange={(e) => setOrgUnitId(e.target.value)} />
        </label>
        <label>
          {t('designer.from')}{' '}
          <input
            type="date"
            data-testid="funnel-from"
            value={from}
            onChange={(e) => setRange({ from: e.target.value, to })}
          />
        </label>
        <label>
          {t('designer.to')}{' '}
          <input
            type="date"
            data-testid="funnel-to"
            value={to}
            onChange={(e) => setRange({ from, to: e.target.value })}
          />
        </label>
      </div>
      {report.error && <p className="error">{report.error.message}</p>}
      <Loadable state={draft}>
        {(graph) => <FunnelStages graph={graph} report={report.data} onSaved={() => void draft.reload()} />}
      </Loadable>
    </>
  );
}

function describe(trace: ConditionTrace): string {
  if (trace.op === 'fact')
    return `${trace.fact ?? ''} ${trace.operator ?? ''} ${JSON.stringify(trace.compareValue ?? trace.value)} (${JSON.stringify(trace.factValue)})`;
  return (trace.children ?? [])
    .filter((c) => !c.result)
    .map(describe)
    .join('; ');
}

function FunnelStages({
  graph,
  report,
  onSaved,
}: {
  graph: RuleGraph;
  report: FunnelReport | null;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const stages = graph.nodes
    .filter((n): n is StageNode => n.kind === 'stageOutcome')
    .sort((a, b) => a.data.order - b.data.order);

  /** Swaps two stages' order and saves the draft: the order is data of the stage nodes. */
  async function move(index: number, by: -1 | 1) {
    const a = stages[index];
    const b = stages[index + by];
    if (!a || !b) return;
    const order = new Map([
      [a.id, b.data.order],
      [b.id, a.data.order],
    ]);
    const next: RuleGraph = {
      ...graph,
      nodes: graph.nodes.map((n) =>
        n.kind === 'stageOutcome' && order.has(n.id)
          ? { ...n, data: { ...n.data, order: order.get(n.id) ?? n.data.order } }
          : n,
      ),
    };
    try {
      await ruleSetsApi.saveDraft(next);
      onSaved();
    } catch (err) {
      setError(t('common.error', { message: (err as Error).message }));
    }
  }

  const stat = (nodeId: string) => report?.stages.find((s) => s.nodeId === nodeId);
  return (
    <div className="grid2">
      <div className="panel">
        <h3>{t('funnel.stages')}</h3>
        {error && <p className="error">{error}</p>}
        <table data-testid="funnel-stages">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('funnel.stage')}</th>
              <th className="num">{t('funnel.deals')}</th>
              <th className="num">{t('funnel.conversion')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {stages.map((s, i) => {
              const st = stat(s.id);
              return (
                <tr key={s.id}>
                  <td>{s.data.order}</td>
                  <td>{t(`funnelStage.${s.data.stage}`, { defaultValue: s.data.label ?? s.data.stage })}</td>
                  <td className="num">{st?.deals ?? '—'}</td>
                  <td className="num">{st?.conversion == null ? '—' : formatPct(st.conversion)}</td>
                  <td>
                    <button disabled={i === 0} onClick={() => void move(i, -1)}>
                      {t('funnel.moveUp')}
                    </button>
                    <button disabled={i === stages.length - 1} onClick={() => void move(i, 1)}>
                      {t('funnel.moveDown')}
                    </button>
                    <button onClick={() => navigate('rules', graph.id)}>{t('funnel.editCriteria')}</button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="panel">
        <h3>{t('funnel.failing')}</h3>
        <table data-testid="funnel-failing">
          <thead>
            <tr>
              <th>{t('funnel.deals')}</th>
              <th>{t('funnel.stage')}</th>
              <th>{t('funnel.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {(report?.failing ?? []).map((f) => (
              <tr key={`${f.stage}:${f.dealId}`}>
                <td>{f.dealId}</td>
                <td>{t(`funnelStage.${f.stage}`, { defaultValue: f.stage })}</td>
                <td>{f.failing.map(describe).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
