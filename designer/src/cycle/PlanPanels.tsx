import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CycleView } from '@opscycle/domain';
import { cyclesApi } from '../api/cycles';
import { useApi } from '../api/useApi';
import { formatMoney } from '../format';
import { Loadable } from '../shell/Loadable';

const QUARTERS = [1, 2, 3, 4] as const;

/** A stored plan of the cycle, loaded, with the names of the cycle's units for its lines. */
function WithPlan<T>({
  cycle,
  load,
  children,
}: {
  cycle: CycleView;
  load: (cycleId: string) => Promise<T>;
  children: (plan: T, unitName: (unitId: string) => string) => ReactNode;
}) {
  const plan = useApi(() => load(cycle.cycleId), [cycle]);
  const names = new Map(cycle.orgUnits.map((u) => [u.id, u.name]));
  return <Loadable state={plan}>{(p) => children(p, (id) => names.get(id) ?? id)}</Loadable>;
}

/** Headcount per team: who is there, who the target needs, whom to hire and when. */
export function StaffingPanel({ cycle }: { cycle: CycleView }) {
  const { t } = useTranslation();
  return (
    <WithPlan cycle={cycle} load={cyclesApi.staffing}>
      {(p, unitName) => (
        <div>
          <p data-testid="staffing-total">{t('cycleView.totalNewHires', { count: p.totalNewHires })}</p>
          <details>
            <summary>{t('cycleView.lines', { count: p.lines.length })}</summary>
            <table data-testid="staffing-lines">
              <thead>
                <tr>
                  <th>{t('cycleView.unit')}</th>
                  <th>{t('cycleView.target')}</th>
                  <th>{t('cycleView.headcount')}</th>
                  <th>{t('cycleView.requiredFte')}</th>
                  <th>{t('cycleView.newHires')}</th>
                  {QUARTERS.map((n) => (
                    <th key={n}>{t('cycleView.quarter', { n })}</th>
                  ))}
                  <th>{t('cycleView.uncovered')}</th>
                </tr>
              </thead>
              <tbody>
                {p.lines.map((l) => (
                  <tr key={l.unitId}>
                    <td>{unitName(l.unitId)}</td>
                    <td>{formatMoney(l.targetMinor, p.currency)}</td>
                    <td>{l.currentHeadcount}</td>
                    <td>{l.requiredFte === null ? '—' : l.requiredFte.toFixed(1)}</td>
                    <td>{l.newHires}</td>
                    {l.hiresByQuarter.map((h, i) => (
                      <td key={i}>{h}</td>
                    ))}
                    <td>{formatMoney(l.uncoveredMinor, p.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </div>
      )}
    </WithPlan>
  );
}

/** The sales budget by category, and its lines per unit. */
export function BudgetPanel({ cycle }: { cycle: CycleView }) {
  const { t } = useTranslation();
  return (
    <WithPlan cycle={cycle} load={cyclesApi.budget}>
      {(p, unitName) => (
        <div>
          <table data-testid="budget-categories">
            <thead>
              <tr>
                <th>{t('cycleView.category')}</th>
                <th>{t('cycleView.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {p.byCategory.map((c) => (
                <tr key={c.category}>
                  <td>{t(`budgetCategory.${c.category}`)}</td>
                  <td>{formatMoney(c.amountMinor, p.currency)}</td>
                </tr>
              ))}
              <tr>
                <th>{t('cycleView.total')}</th>
                <th data-testid="budget-total">{formatMoney(p.totalMinor, p.currency)}</th>
              </tr>
            </tbody>
          </table>
          <details>
            <summary>{t('cycleView.lines', { count: p.lines.length })}</summary>
            <table>
              <thead>
                <tr>
                  <th>{t('cycleView.unit')}</th>
                  <th>{t('cycleView.category')}</th>
                  <th>{t('cycleView.quarterColumn')}</th>
                  <th>{t('cycleView.amount')}</th>
                </tr>
              </thead>
              <tbody>
                {p.lines.map((l) => (
                  <tr key={`${l.unitId}:${l.category}:${l.quarter}:${l.basis}`}>
                    <td>{unitName(l.unitId)}</td>
                    <td>{t(`budgetCategory.${l.category}`)}</td>
                    <td>{t('cycleView.quarter', { n: l.quarter })}</td>
                    <td>{formatMoney(l.amountMinor, l.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </div>
      )}
    </WithPlan>
  );
}
