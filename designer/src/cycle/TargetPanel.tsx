import { useTranslation } from 'react-i18next';
import type { CycleView, OrgUnit } from '@opscycle/domain';
import { cyclesApi } from '../api/cycles';
import { useApi } from '../api/useApi';
import { formatMoney, formatPct } from '../format';
import { Loadable } from '../shell/Loadable';
import { monthName } from './progress';

/** The top unit's target, phased by month, and how it splits over the units right below it. */
export function TargetPanel({ cycle, unit }: { cycle: CycleView; unit: OrgUnit }) {
  const { t, i18n } = useTranslation();
  const quota = useApi(() => cyclesApi.quota(cycle.cycleId, unit.id), [cycle, unit.id]);
  const names = new Map(cycle.orgUnits.map((u) => [u.id, u.name]));
  return (
    <Loadable state={quota}>
      {({ allocations }) => {
        const own = allocations.find((a) => a.unitId === unit.id);
        if (!own) return <p className="muted">{t('cycleView.notYet')}</p>;
        const money = (minor: number) => formatMoney(minor, own.currency);
        const below = allocations.filter((a) => a.parentId === unit.id);
        return (
          <div>
            <p>
              {t('cycleView.companyTarget', { name: unit.name })}:{' '}
              <strong data-testid="top-target">{money(own.amountMinor)}</strong>
            </p>
            <table data-testid="target-monthly">
              <thead>
                <tr>
                  {own.monthlyMinor.map((_, m) => (
                    <th key={m}>{monthName(m, i18n.language)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr>
                  {own.monthlyMinor.map((m, i) => (
                    <td key={i}>{money(m)}</td>
                  ))}
                </tr>
              </tbody>
            </table>
            <table data-testid="target-split">
              <thead>
                <tr>
                  <th>{t('cycleView.unit')}</th>
                  <th>{t('cycleView.target')}</th>
                  <th>%</th>
                </tr>
              </thead>
              <tbody>
                {below.map((a) => (
                  <tr key={a.unitId}>
                    <td>{names.get(a.unitId) ?? a.unitId}</td>
                    <td>{money(a.amountMinor)}</td>
                    <td>{own.amountMinor === 0 ? '—' : formatPct(a.amountMinor / own.amountMinor)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted">{t('cycleView.perUnit')}</p>
          </div>
        );
      }}
    </Loadable>
  );
}
