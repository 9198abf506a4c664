import { useTranslation } from 'react-i18next';
import type { CycleView } from '@opscycle/domain';
import { cyclesApi } from '../api/cycles';
import { useApi } from '../api/useApi';
import { useUser } from '../auth/session';
import { Loadable } from '../shell/Loadable';
import { StepResults } from './StepResults';
import { StepsTable } from './StepsTable';
import { UnitTree } from './UnitTree';

/** One cycle: its steps, its org units in their hierarchy, and what each step produced. */
export function CycleDetail({ cycleId }: { cycleId: string }) {
  const cycle = useApi(() => cyclesApi.get(cycleId), [cycleId]);
  return (
    <Loadable state={cycle}>{(c) => <CycleBody cycle={c} reload={() => void cycle.reload()} />}</Loadable>
  );
}

function CycleBody({ cycle, reload }: { cycle: CycleView; reload: () => void }) {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <div data-testid="cycle-detail">
      <div className="panel">
        <div className="row">
          <strong>{cycle.cycleId}</strong>
          <span className="badge">{t(`cycleStatus.${cycle.status}`)}</span>
          <span>
            {t('cycle.current')}: {t(`cycleStep.${cycle.currentStep}`)}
          </span>
          <span className="spacer" />
          {user.role === 'opsAdmin' && cycle.historyUrl && (
            <a href={cycle.historyUrl} target="_blank" rel="noreferrer" data-testid="temporal-link">
              {t('cycleView.history')} ↗
            </a>
          )}
        </div>
        {cycle.haltedReason && <p className="error">{cycle.haltedReason}</p>}
        <StepsTable cycle={cycle} />
      </div>
      <UnitTree cycle={cycle} />
      <StepResults cycle={cycle} onChanged={reload} />
    </div>
  );
}
