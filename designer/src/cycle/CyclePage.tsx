import { useTranslation } from 'react-i18next';
import { cyclesApi } from '../api/cycles';
import { useApi } from '../api/useApi';
import { Loadable } from '../shell/Loadable';
import { navigate } from '../shell/route';
import { CycleDetail } from './CycleDetail';

/** The annual cycles the user's unit takes part in (one entry per cycle, however many runs), and the chosen one. */
export default function CyclePage({ rest }: { rest: string[] }) {
  const { t } = useTranslation();
  const list = useApi(() => cyclesApi.list(), []);
  const cycleId = rest[0] ?? list.data?.cycles[0]?.cycleId;
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
                className={c.cycleId === cycleId ? 'primary' : ''}
                data-testid={`cycle-${c.cycleId}`}
                onClick={() => navigate('cycle', c.cycleId)}
              >
                FY{c.fiscalYear ?? '?'} · {c.orgId ?? c.cycleId}
                {c.status && ` · ${t(`cycleStatus.${c.status}`)}`}
              </button>
            ))}
            {cycles.length === 0 && <span className="muted">{t('common.noData')}</span>}
          </div>
        )}
      </Loadable>
      {cycleId && <CycleDetail key={cycleId} cycleId={cycleId} />}
    </div>
  );
}
