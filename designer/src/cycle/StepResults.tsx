import { useTranslation } from 'react-i18next';
import type { CycleView } from '@opscycle/domain';
import { useUser } from '../auth/session';
import { BottomUpForm } from './BottomUpForm';
import { BudgetPanel, StaffingPanel } from './PlanPanels';
import { hasResult, topUnits } from './progress';
import { StrategyPanel } from './StrategyPanel';
import { TargetPanel } from './TargetPanel';

/** What each planning step produced, readable once the step has stored it. */
export function StepResults({ cycle, onChanged }: { cycle: CycleView; onChanged: () => void }) {
  const { t } = useTranslation();
  const user = useUser();
  const notYet = <p className="muted">{t('cycleView.notYet')}</p>;
  const top = topUnits(cycle)[0];
  return (
    <div data-testid="step-results">
      <h2>{t('cycleView.results')}</h2>
      <section className="panel" data-testid="result-strategy">
        <h3>{t('cycleView.strategy')}</h3>
        {hasResult(cycle, 'strategyAnalysis') ? (
          <StrategyPanel cycle={cycle} onChanged={onChanged} />
        ) : (
          notYet
        )}
      </section>
      <section className="panel" data-testid="result-targets">
        <h3>{t('cycleView.decomposition')}</h3>
        {hasResult(cycle, 'targetSetting') && top ? <TargetPanel cycle={cycle} unit={top} /> : notYet}
      </section>
      {user.role === 'manager' && (
        <section className="panel" data-testid="result-bottom-up">
          <h3>{t('cycleView.submitBottomUp')}</h3>
          <BottomUpForm cycle={cycle} onSubmitted={onChanged} />
        </section>
      )}
      <section className="panel" data-testid="result-staffing">
        <h3>{t('cycleView.staffingPlan')}</h3>
        {hasResult(cycle, 'staffing') ? <StaffingPanel cycle={cycle} /> : notYet}
      </section>
      <section className="panel" data-testid="result-budget">
        <h3>{t('cycleView.budget')}</h3>
        {hasResult(cycle, 'budgetApproval') ? <BudgetPanel cycle={cycle} /> : notYet}
      </section>
    </div>
  );
}
