import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PayoutStatement } from '@opscycle/domain';
import { payoutsApi } from '../api/performance';
import { useApi } from '../api/useApi';
import { formatMoney } from '../format';
import { StatementLines } from '../me/StatementLines';
import { Loadable } from '../shell/Loadable';
import { navigate } from '../shell/route';
import { RerunButton, RunSteps, StartRunForm, useCanStartRuns, useHoldControls } from './RunControls';

/** Payout runs -> a run's statements -> a statement's lines, each with why it is what it is. */
export default function PayoutsPage({ rest }: { rest: string[] }) {
  const [runId, payeeId] = rest;
  if (runId && payeeId) return <StatementView runId={runId} payeeId={payeeId} />;
  if (runId) return <RunView runId={runId} />;
  return <RunList />;
}

function RunList() {
  const { t } = useTranslation();
  const runs = useApi(() => payoutsApi.runs(), []);
  const canStart = useCanStartRuns();
  return (
    <div>
      <h1>{t('payouts.title')}</h1>
      {canStart && <StartRunForm />}
      <Loadable state={runs}>
        {({ runs: list }) => (
          <table data-testid="payout-runs">
            <thead>
              <tr>
                <th>{t('payouts.run')}</th>
                <th>{t('common.status')}</th>
                <th>{t('inbox.at')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.runId}>
                  <td>{r.runId}</td>
                  <td>{t(`executionStatus.${r.executionStatus}`, { defaultValue: r.executionStatus })}</td>
                  <td>{r.startedAt.slice(0, 16).replace('T', ' ')}</td>
                  <td>
                    <button data-testid={`open-run-${r.runId}`} onClick={() => navigate('payouts', r.runId)}>
                      {t('payouts.open')}
                    </button>
                  </td>
                </tr>
              ))}
              {list.length === 0 && (
                <tr>
                  <td colSpan={4} className="muted">
                    {t('common.noData')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        )}
      </Loadable>
    </div>
  );
}

function downloadBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function RunView({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const statements = useApi(() => payoutsApi.statements(runId), [runId]);
  const progress = useApi(() => payoutsApi.run(runId), [runId]);
  const [error, setError] = useState<string | null>(null);
  const holds = useHoldControls(runId);
  // A run at work is followed every 2 s until it is exported or rejected.
  const status = progress.data?.status;
  const { reload } = progress;
  // Statements are stored while the run computes and change no more once it waits for approval.
  const reloadStatements = statements.reload;
  useEffect(() => {
    if (status !== undefined && status !== 'computing') void reloadStatements();
  }, [status, reloadStatements]);
  useEffect(() => {
    if (status === undefined || status === 'exported' || status === 'rejected') return;
    const timer = setInterval(() => void reload(), 2_000);
    return () => clearInterval(timer);
  }, [status, reload]);
  async function exportCsv() {
    try {
      downloadBlob(await payoutsApi.exportCsv(runId), `${runId}.csv`);
    } catch (err) {
      setError(t('common.error', { message: (err as Error).message }));
    }
  }
  return (
    <div>
      <div className="row">
        <a href="#/payouts">← {t('payouts.runs')}</a>
        <h1>
          {t('payouts.run')} {runId}
        </h1>
        <span className="spacer" />
        {progress.data && <RerunButton runId={runId} status={progress.data.status} />}
        <button data-testid="export-csv" onClick={() => void exportCsv()}>
          {t('common.exportCsv')}
        </button>
      </div>
      {error && <p className="error">{error}</p>}
      {progress.data && <RunSteps status={progress.data.status} />}
      {progress.data && (
        <p data-testid="run-progress">
          <span className="badge">{t(`payoutRunStatus.${progress.data.status}`)}</span> {progress.data.period}{' '}
          · r{progress.data.revision} · {progress.data.payees} {t('payouts.payees')} ·{' '}
          {formatMoney(progress.data.totalMinor)} ·{' '}
          {t('payouts.partitions', {
            computed: progress.data.partitionsComputed,
            exported: progress.data.partitionsExported,
            count: progress.data.partitionCount,
          })}
          {progress.data.dealLines !== undefined &&
            ` · ${t('payouts.dealLines', { lines: progress.data.dealLines.toLocaleString() })}`}
          {progress.data.held ? ` · ${t('payoutRuns.heldCount', { count: progress.data.held })}` : ''}
        </p>
      )}
      {progress.error && (
        <p className="error" data-testid="run-progress-error">
          {t('common.error', { message: progress.error.message })}
        </p>
      )}
      {holds.reasonField}
      <Loadable state={statements}>
        {({ statements: list }) => (
          <table data-testid="statements">
            <thead>
              <tr>
                <th>{t('payouts.payee')}</th>
                <th className="num">{t('payouts.lines')}</th>
                <th className="num">{t('payouts.amount')}</th>
                {holds.header}
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.payeeId}>
                  <td>{s.payeeId}</td>
                  <td className="num">{s.lines.length}</td>
                  <td className="num">{formatMoney(s.totalMinor, s.currency)}</td>
                  {holds.cell(s.payeeId)}
                  <td>
                    <button
                      data-testid={`open-statement-${s.payeeId}`}
                      onClick={() => navigate('payouts', runId, s.payeeId)}
                    >
                      {t('payouts.statement')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loadable>
    </div>
  );
}

function StatementView({ runId, payeeId }: { runId: string; payeeId: string }) {
  const statement = useApi(() => payoutsApi.statement(runId, payeeId), [runId, payeeId]);
  return <Loadable state={statement}>{(s) => <Statement statement={s} />}</Loadable>;
}

function Statement({ statement }: { statement: PayoutStatement }) {
  const { t } = useTranslation();
  return (
    <div data-testid="statement">
      <div className="row">
        <a href={`#/payouts/${encodeURIComponent(statement.runId)}`}>← {statement.runId}</a>
        <h1>
          {t('payouts.statement')} · {statement.payeeId} · {statement.period}
        </h1>
      </div>
      <StatementLines
        statement={statement}
        initiallyOpen={statement.lines[0]?.lineKey ?? null}
        totalTestId="statement-total"
      />
    </div>
  );
}
