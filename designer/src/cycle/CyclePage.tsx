import { useTranslation } from 'react-i18next';
import { CYCLE_STEPS, type CycleStep } from '@opscycle/domain';
import type { CycleProgress } from '@opscycle/domain';
import { cyclesApi, temporalUrl } from '../api/cycles';
import { useUser } from '../auth/session';
import { useApi } from '../api/useApi';
import { Loadable } from '../shell/Loadable';
import { navigate } from '../shell/route';

const TONE = {
  done: 'ok',
  running: '',
  waitingForApproval: 'warn',
  late: 'bad',
  halted: 'bad',
  pending: '',
} as const;

/** The annual cycle: each step per org unit, who it waits on, late steps (past their deadline), and a way into Temporal. */
export default function CyclePage({ rest }: { rest: string[] }) {
  const { t } = useTranslation();
  const list = useApi(() => cyclesApi.list(), []);
  const cycleId = rest[0];
  return (
    <div>
      <h1>{t('cycle.title')}</h1>
      <Loadable state={list}>
        {({ cycles }) => (
          <div className="row">
            <span>{t('cycle.fiscalYear')}:</span>
            {cycles.map((c) => (
              <button
                key={c.cycleId}
                className={c.cycleId === (cycleId ?? cycles[0]?.cycleId) ? 'primary' : ''}
                data-testid={`cycle-${c.cycleId}`}
                onClick={() => navigate('cycle', c.cycleId)}
              >
                FY{c.fiscalYear ?? '?'} · {c.orgId ?? c.cycleId}
              </button>
            ))}
            {cycles.length === 0 && <span className="muted">{t('common.noData')}</span>}
          </div>
        )}
      </Loadable>
      {(cycleId ?? list.data?.cycles[0]?.cycleId) && (
        <CycleDetail cycleId={cycleId ?? list.data?.cycles[0]?.cycleId ?? ''} />
      )}
    </div>
  );
}

function CycleDetail({ cycleId }: { cycleId: string }) {
  const cycle = useApi(() => cyclesApi.get(cycleId), [cycleId]);
  return <Loadable state={cycle}>{(c) => <CycleTable cycle={c} />}</Loadable>;
}

function CycleTable({ cycle }: { cycle: CycleProgress }) {
  const { t, i18n } = useTranslation();
  const units = [...new Set(cycle.units.map((u) => u.orgUnitId))].sort();
  const user = useUser();
  const names = new Map((cycle.approvers ?? []).map((a) => [a.id, a.name ?? a.id]));
  const name = (id: string) => names.get(id) ?? id;
  const dateTime = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const blocking = (step: CycleStep, unit?: string) =>
    cycle.pendingApprovals
      .filter((p) => (unit ? p.orgUnitId === unit : true) && stepOfSubject(p.subjectKind) === step)
      .flatMap((p) => p.assigneeIds.map(name));
  return (
    <div className="panel" data-testid="cycle-detail">
      <div className="row">
        <strong>{cycle.cycleId}</strong>
        <span className="badge">{t(`cycleStatus.${cycle.status}`)}</span>
        <span>
          {t('cycle.current')}: {t(`cycleStep.${cycle.currentStep}`)}
        </span>
        <span className="spacer" />
        {user.role === 'opsAdmin' && (
          <a href={temporalUrl(cycle.cycleId)} target="_blank" rel="noreferrer" data-testid="temporal-link">
            {t('cycle.temporal')} ↗
          </a>
        )}
      </div>
      {cycle.haltedReason && <p className="error">{cycle.haltedReason}</p>}
      <table data-testid="cycle-steps">
        <thead>
          <tr>
            <th>{t('cycle.step')}</th>
            <th>{t('cycle.state')}</th>
            <th>{t('cycle.deadline')}</th>
            <th>{t('cycle.blocking')}</th>
            {units.map((u) => (
              <th key={u}>{u}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {CYCLE_STEPS.map((step) => {
            const s = cycle.steps.find((x) => x.step === step);
            const waitingOn = blocking(step);
            return (
              <tr key={step} data-testid={`step-${step}`}>
                <td>{t(`cycleStep.${step}`)}</td>
                <td>
                  <span className={`badge ${s ? TONE[s.status] : ''}`}>
                    {t(`stepStatus.${s?.status ?? 'pending'}`)}
                  </span>
                  {s && s.unitsTotal > 0 && (
                    <span className="muted">
                      {' '}
                      {s.unitsDone}/{s.unitsTotal}
                    </span>
                  )}
                </td>
                <td data-testid={`deadline-${step}`}>
                  {s?.deadlineAt ? (
                    <>
                      {dateTime(s.deadlineAt)}
                      {s.status !== 'done' && Date.parse(s.deadlineAt) < Date.now() && (
                        <span className="badge bad"> {t('cycle.overdue')}</span>
                      )}
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td data-testid={`blocking-${step}`}>
                  {waitingOn.length ? waitingOn.join(', ') : '—'}
                  {step === 'incentivePublication' && cycle.acknowledgments && (
                    <Acknowledgments progress={cycle.acknowledgments} />
                  )}
                </td>
                {units.map((u) => {
                  const up = cycle.units.find((x) => x.orgUnitId === u && x.step === step);
                  const who = blocking(step, u);
                  return (
                    <td key={u}>
                      {up ? (
                        <span className={`badge ${TONE[up.status]}`}>{t(`stepStatus.${up.status}`)}</span>
                      ) : (
                        '—'
                      )}
                      {who.length > 0 && <div className="muted">{who.join(', ')}</div>}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Reps' acknowledgments of their published plans: how many, and who is still missing. */
function Acknowledgments({ progress }: { progress: NonNullable<CycleProgress['acknowledgments']> }) {
  const { t } = useTranslation();
  return (
    <div className="muted" data-testid="acknowledgments">
      {t('cycle.acknowledged', { done: progress.acknowledged, total: progress.total })}
      {progress.missing.length > 0 && (
        <div>
          {t('cycle.missingAcknowledgments')}: {progress.missing.join(', ')}
          {progress.total - progress.acknowledged > progress.missing.length && ' …'}
        </div>
      )}
    </div>
  );
}

/** Which cycle step an approval of this subject belongs to. */
function stepOfSubject(kind: CycleProgress['pendingApprovals'][number]['subjectKind']): CycleStep {
  const map = {
    quota: 'targetSetting',
    staffing: 'staffing',
    budget: 'budgetApproval',
    plan: 'incentivePublication',
    payout: 'performanceReview',
  } as const satisfies Record<typeof kind, CycleStep>;
  return map[kind];
}
