import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CycleView, OrgUnit } from '@opscycle/domain';
import { cyclesApi } from '../api/cycles';
import { useApi } from '../api/useApi';
import { useUser } from '../auth/session';
import { formatMoney } from '../format';
import { navigate } from '../shell/route';
import { hasResult, TONE, topUnits } from './progress';

interface Row {
  unit: OrgUnit;
  depth: number;
  hasChildren: boolean;
}

/** The rows on screen: a depth-first walk that enters only expanded units (500 units stay a few rows). */
function visibleRows(
  tops: readonly OrgUnit[],
  children: Map<string, OrgUnit[]>,
  expanded: Set<string>,
): Row[] {
  const rows: Row[] = [];
  const walk = (unit: OrgUnit, depth: number) => {
    const kids = children.get(unit.id) ?? [];
    rows.push({ unit, depth, hasChildren: kids.length > 0 });
    if (expanded.has(unit.id)) for (const kid of kids) walk(kid, depth + 1);
  };
  for (const top of tops) walk(top, 0);
  return rows;
}

/**
 * The cycle's org units by name in their hierarchy, collapsed below the top: each unit's latest
 * step, whom it waits on, its target and its bottom-up number.
 */
export function UnitTree({ cycle }: { cycle: CycleView }) {
  const { t } = useTranslation();
  const user = useUser();
  const tops = useMemo(() => topUnits(cycle), [cycle]);
  const children = useMemo(() => {
    const map = new Map<string, OrgUnit[]>();
    for (const u of cycle.orgUnits)
      if (u.parentId !== null) map.set(u.parentId, [...(map.get(u.parentId) ?? []), u]);
    for (const list of map.values()) list.sort((a, b) => a.name.localeCompare(b.name));
    return map;
  }, [cycle]);
  const [expanded, setExpanded] = useState(() => new Set(tops.map((u) => u.id)));
  const rows = useMemo(() => visibleRows(tops, children, expanded), [tops, children, expanded]);
  const progress = useMemo(() => new Map(cycle.units.map((u) => [u.orgUnitId, u])), [cycle]);
  const names = useMemo(() => new Map((cycle.approvers ?? []).map((a) => [a.id, a.name ?? a.id])), [cycle]);
  const approvals = useMemo(() => {
    const map = new Map<string, CycleView['pendingApprovals']>();
    for (const p of cycle.pendingApprovals) map.set(p.orgUnitId, [...(map.get(p.orgUnitId) ?? []), p]);
    return map;
  }, [cycle]);
  const targetsKnown = hasResult(cycle, 'targetSetting');
  const numbers = useApi(async () => {
    const ids = tops.map((u) => u.id);
    const [quotas, submissions] = await Promise.all([
      targetsKnown ? Promise.all(ids.map((id) => cyclesApi.quota(cycle.cycleId, id))) : Promise.resolve([]),
      Promise.all(ids.map((id) => cyclesApi.submissions(cycle.cycleId, id))),
    ]);
    return {
      targets: new Map(quotas.flatMap((q) => q.allocations).map((a) => [a.unitId, a])),
      bottomUp: new Map(submissions.flatMap((s) => s.submissions).map((s) => [s.unitId, s])),
    };
  }, [cycle, targetsKnown, tops]);
  const toggle = (id: string) =>
    setExpanded((before) => {
      const next = new Set(before);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <div className="panel" data-testid="unit-tree">
      <div className="row">
        <h2>{t('cycleView.units')}</h2>
        <span className="muted">{cycle.orgUnits.length}</span>
        <span className="spacer" />
        <button data-testid="expand-all" onClick={() => setExpanded(new Set(children.keys()))}>
          {t('cycleView.expandAll')}
        </button>
        <button data-testid="collapse-all" onClick={() => setExpanded(new Set())}>
          {t('cycleView.collapseAll')}
        </button>
      </div>
      <table>
        <thead>
          <tr>
            <th>{t('cycleView.unit')}</th>
            <th>{t('cycleView.kind')}</th>
            <th>{t('cycleView.latestStep')}</th>
            <th>{t('cycle.blocking')}</th>
            <th>{t('cycleView.target')}</th>
            <th>{t('cycleView.bottomUp')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ unit, depth, hasChildren }) => {
            const step = progress.get(unit.id);
            const pending = approvals.get(unit.id) ?? [];
            const mine = pending.find((p) => user.personId && p.assigneeIds.includes(user.personId));
            const target = numbers.data?.targets.get(unit.id);
            const bottomUp = numbers.data?.bottomUp.get(unit.id);
            const open = expanded.has(unit.id);
            return (
              <tr key={unit.id} data-testid={`unit-row-${unit.id}`}>
                <td style={{ paddingLeft: `${0.5 + depth * 1.25}rem` }}>
                  {hasChildren ? (
                    <button
                      data-testid={`toggle-${unit.id}`}
                      aria-expanded={open}
                      aria-label={t(open ? 'cycleView.collapse' : 'cycleView.expand', { name: unit.name })}
                      onClick={() => toggle(unit.id)}
                    >
                      {open ? '▾' : '▸'}
                    </button>
                  ) : (
                    <span className="muted">·</span>
                  )}{' '}
                  <span title={unit.id}>{unit.name}</span>
                </td>
                <td>{t(`orgUnitKind.${unit.kind}`)}</td>
                <td>
                  {step ? (
                    <>
                      {t(`cycleStep.${step.step}`)}{' '}
                      <span className={`badge ${TONE[step.status]}`}>{t(`stepStatus.${step.status}`)}</span>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  {pending.flatMap((p) => p.assigneeIds.map((id) => names.get(id) ?? id)).join(', ') || '—'}
                  {mine && (
                    <>
                      {' '}
                      <button
                        data-testid={`decide-${unit.id}`}
                        onClick={() => navigate('inbox', mine.approvalId)}
                      >
                        {t('cycleView.decide')}
                      </button>
                    </>
                  )}
                </td>
                <td data-testid={`target-${unit.id}`}>
                  {target ? formatMoney(target.amountMinor, target.currency) : '—'}
                </td>
                <td data-testid={`bottom-up-${unit.id}`}>
                  {bottomUp ? formatMoney(bottomUp.amountMinor, bottomUp.currency) : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {numbers.error && <p className="error">{t('common.error', { message: numbers.error.message })}</p>}
    </div>
  );
}
