import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PAYOUT_RUN_STATUSES, type PayoutHoldView, type PayoutRunStatus, type Role } from '@opscycle/domain';
import { payoutRunsApi } from '../api/payoutRuns';
import { ruleSetsApi } from '../api/ruleSets';
import { useApi } from '../api/useApi';
import { useUser } from '../auth/session';
import { navigate } from '../shell/route';

/** Who starts, re-runs and holds runs (the API's STARTERS); HR reads the holds. */
const STARTERS: readonly Role[] = ['finance', 'opsAdmin'];
const HOLD_READERS: readonly Role[] = ['finance', 'opsAdmin', 'hr'];

export function useCanStartRuns(): boolean {
  return STARTERS.includes(useUser().role);
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** A plan (a published incentive rule set), one of its published versions and a period: the run starts. */
export function StartRunForm() {
  const { t } = useTranslation();
  const plans = useApi(() => ruleSetsApi.list('incentive'), []);
  const published = (plans.data?.ruleSets ?? []).filter((r) => r.publishedVersion !== null);
  const [chosen, setChosen] = useState('');
  const ruleSetId = chosen || published[0]?.id || '';
  const versions = useApi(
    () => (ruleSetId ? ruleSetsApi.versions(ruleSetId) : Promise.resolve({ versions: [] })),
    [ruleSetId],
  );
  const [version, setVersion] = useState<number | null>(null);
  const latest = versions.data?.versions.at(-1)?.version ?? null;
  const [period, setPeriod] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const chosenVersion = version ?? latest;
    if (!ruleSetId || chosenVersion === null) return;
    setBusy(true);
    try {
      const run = await payoutRunsApi.start({ ruleSetId, version: chosenVersion, period, partitionCount: 4 });
      navigate('payouts', run.runId);
    } catch (err) {
      setError(t('common.error', { message: errorText(err) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="row" data-testid="start-run" onSubmit={(e) => void submit(e)}>
      <strong>{t('payoutRuns.startTitle')}</strong>
      <label>
        {t('payoutRuns.plan')}{' '}
        <select
          data-testid="start-run-plan"
          value={ruleSetId}
          onChange={(e) => {
            setChosen(e.target.value);
            setVersion(null);
          }}
        >
          {published.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} ({r.id})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('payoutRuns.version')}{' '}
        <select
          data-testid="start-run-version"
          value={version ?? latest ?? ''}
          onChange={(e) => setVersion(Number(e.target.value))}
        >
          {(versions.data?.versions ?? []).map((v) => (
            <option key={v.version} value={v.version}>
              v{v.version} · {v.effectiveFrom} – {v.effectiveTo ?? '∞'}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('payoutRuns.period')}{' '}
        <input
          data-testid="start-run-period"
          value={period}
          placeholder="2026-Q4"
          pattern="\d{4}-(0[1-9]|1[0-2]|Q[1-4])"
          required
          onChange={(e) => setPeriod(e.target.value)}
        />
      </label>
      <button type="submit" data-testid="start-run-submit" disabled={busy || !ruleSetId}>
        {t('payoutRuns.start')}
      </button>
      {error && <span className="error">{error}</span>}
    </form>
  );
}

/** The run's steps in order, the current one marked; a rejected run stops at the approval. */
export function RunSteps({ status }: { status: PayoutRunStatus }) {
  const { t } = useTranslation();
  const steps = PAYOUT_RUN_STATUSES.filter((s) => s !== 'rejected');
  const reached = status === 'rejected' ? steps.indexOf('waitingForApproval') : steps.indexOf(status);
  return (
    <ol className="row" data-testid="run-steps" style={{ listStyle: 'none', paddingLeft: 0 }}>
      {steps.map((step, index) => {
        const label = status === 'rejected' && index === reached ? 'rejected' : step;
        const state = index < reached || status === 'exported' ? 'ok' : index === reached ? 'warn' : '';
        return (
          <li key={step} data-testid={`run-step-${step}`} className={`badge ${state}`}>
            {index + 1}. {t(`payoutRunStatus.${label}`)}
          </li>
        );
      })}
    </ol>
  );
}

/** Re-runs a closed run as the next revision, which pays only the differences. */
export function RerunButton({ runId, status }: { runId: string; status: PayoutRunStatus }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const canRerun = useCanStartRuns();
  if (!canRerun || (status !== 'exported' && status !== 'rejected')) return null;
  async function rerun() {
    try {
      const next = await payoutRunsApi.rerun(runId);
      navigate('payouts', next.runId);
    } catch (err) {
      setError(t('common.error', { message: errorText(err) }));
    }
  }
  return (
    <>
      <button data-testid="rerun" onClick={() => void rerun()}>
        {t('payoutRuns.rerun')}
      </button>
      {error && <span className="error">{error}</span>}
    </>
  );
}

/**
 * Holding and releasing payees of a run: one reason for the next hold or release, and per payee its
 * state and the button. Roles that may not read holds get neither.
 */
export function useHoldControls(runId: string): {
  reasonField: ReactNode;
  cell: (payeeId: string) => ReactNode;
  header: ReactNode;
} {
  const { t } = useTranslation();
  const role = useUser().role;
  const reads = HOLD_READERS.includes(role);
  const decides = STARTERS.includes(role);
  const holds = useApi(
    () => (reads ? payoutRunsApi.holds(runId) : Promise.resolve({ holds: [] as PayoutHoldView[] })),
    [runId, reads],
  );
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!reads) return { reasonField: null, cell: () => null, header: null };
  const active = new Map((holds.data?.holds ?? []).filter((h) => h.active).map((h) => [h.payeeId, h]));

  async function change(payeeId: string, release: boolean) {
    try {
      if (release) await payoutRunsApi.release(runId, payeeId, reason);
      else await payoutRunsApi.hold(runId, payeeId, reason);
      setError(null);
      await holds.reload();
    } catch (err) {
      setError(t('common.error', { message: errorText(err) }));
    }
  }

  return {
    header: <th>{t('payoutRuns.hold')}</th>,
    reasonField: decides ? (
      <p className="row">
        <label>
          {t('payoutRuns.holdReason')}{' '}
          <input data-testid="hold-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        {error && <span className="error">{error}</span>}
      </p>
    ) : null,
    cell: (payeeId) => {
      const hold = active.get(payeeId);
      return (
        <td data-testid={`hold-${payeeId}`}>
          {hold && (
            <span className="badge warn" title={hold.reason}>
              {t('payoutRuns.held', { by: hold.heldBy })}
            </span>
          )}{' '}
          {decides && (
            <button
              data-testid={`${hold ? 'release' : 'hold'}-${payeeId}`}
              disabled={reason.trim() === ''}
              onClick={() => void change(payeeId, hold !== undefined)}
            >
              {hold ? t('payoutRuns.release') : t('payoutRuns.holdAction')}
            </button>
          )}
        </td>
      );
    },
  };
}
