import { useTranslation } from 'react-i18next';
import { CYCLE_STEPS, type CycleView } from '@opscycle/domain';
import { TONE, waitingOn } from './progress';

/** Each step of the cycle: its state, its deadline, and whom it waits on. */
export function StepsTable({ cycle }: { cycle: CycleView }) {
  const { t, i18n } = useTranslation();
  const blocking = waitingOn(cycle);
  const dateTime = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <table data-testid="cycle-steps">
      <thead>
        <tr>
          <th>{t('cycle.step')}</th>
          <th>{t('cycle.state')}</th>
          <th>{t('cycle.deadline')}</th>
          <th>{t('cycle.blocking')}</th>
        </tr>
      </thead>
      <tbody>
        {CYCLE_STEPS.map((step) => {
          const s = cycle.steps.find((x) => x.step === step);
          const who = [...new Set(blocking({ step }))];
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
                {who.length ? who.join(', ') : '—'}
                {step === 'incentivePublication' && cycle.acknowledgments && (
                  <Acknowledgments progress={cycle.acknowledgments} />
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Reps' acknowledgments of their published plans: how many, and who is still missing. */
function Acknowledgments({ progress }: { progress: NonNullable<CycleView['acknowledgments']> }) {
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
