import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { approvalsApi, type ApprovalContext } from '../api/approvals';
import { useApi } from '../api/useApi';
import { formatMoney, formatPct } from '../format';
import { Loadable } from '../shell/Loadable';

type ContextOf<K extends ApprovalContext['kind']> = Extract<ApprovalContext, { kind: K }>;

function Table({ testId, head, rows }: { testId: string; head: string[]; rows: ReactNode[][] }) {
  return (
    <table data-testid={testId}>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((cells, r) => (
          <tr key={r}>
            {cells.map((cell, c) => (
              <td key={c}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BudgetTables({ context }: { context: ContextOf<'budget'> }) {
  const { t } = useTranslation();
  const money = (minor: number) => formatMoney(minor, context.currency);
  return (
    <>
      <h4>{t('approvalContext.budgetLines')}</h4>
      <Table
        testId="context-budget-lines"
        head={[
          t('approvalContext.unit'),
          t('approvalContext.category'),
          t('approvalContext.quarter'),
          t('approvalContext.amount'),
        ]}
        rows={[
          ...context.lines.map((l) => [
            l.unitId,
            t(`budgetCategory.${l.category}`),
            `Q${l.quarter}`,
            money(l.amountMinor),
          ]),
          [
            <strong key="total">{t('common.total')}</strong>,
            '',
            '',
            <strong key="sum">{money(context.totalMinor)}</strong>,
          ],
        ]}
      />
      <h4>{t('approvalContext.roiBaseline')}</h4>
      <Table
        testId="context-roi-baseline"
        head={[
          t('approvalContext.unit'),
          t('approvalContext.category'),
          t('approvalContext.spend'),
          t('approvalContext.attributedRevenue'),
          t('approvalContext.roi'),
        ]}
        rows={context.roiBaseline.map((l) => [
          l.unitId,
          t(`budgetCategory.${l.category}`),
          money(l.spendMinor),
          money(l.attributedRevenueMinor),
          l.roi === null ? '—' : `1 : ${l.roi.toFixed(1)}`,
        ])}
      />
    </>
  );
}

function QuotaTables({ context }: { context: ContextOf<'quota'> }) {
  const { t } = useTranslation();
  const currency = context.allocation?.currency ?? 'CNY';
  const money = (minor: number) => formatMoney(minor, currency);
  const target = context.allocation?.amountMinor ?? 0;
  return (
    <>
      <dl className="kv" data-testid="context-quota">
        <div>
          <dt>{t('approvalContext.unitTarget')}</dt>
          <dd>{money(target)}</dd>
        </div>
        <div>
          <dt>{t('approvalContext.bottomUp')}</dt>
          <dd>
            {context.submission ? money(context.submission.amountMinor) : t('approvalContext.noSubmission')}
          </dd>
        </div>
        <div>
          <dt>{t('approvalContext.gap')}</dt>
          <dd>{context.gapMinor === null ? '—' : money(context.gapMinor)}</dd>
        </div>
      </dl>
      <h4>{t('approvalContext.targetSplit')}</h4>
      <Table
        testId="context-quota-split"
        head={[t('approvalContext.unit'), t('approvalContext.amount'), t('approvalContext.share')]}
        rows={context.children.map((c) => [
          c.unitId,
          money(c.amountMinor),
          target > 0 ? formatPct(c.amountMinor / target) : '—',
        ])}
      />
    </>
  );
}

function StaffingTables({ context }: { context: ContextOf<'staffing'> }) {
  const { t } = useTranslation();
  const money = (minor: number) => formatMoney(minor, context.currency);
  return (
    <>
      <Table
        testId="context-staffing"
        head={[
          t('approvalContext.unit'),
          t('approvalContext.headcount'),
          t('approvalContext.requiredFte'),
          t('approvalContext.newHires'),
          t('approvalContext.hiresByQuarter'),
          t('approvalContext.capacity'),
          t('approvalContext.uncovered'),
        ]}
        rows={context.lines.map((l) => [
          l.unitId,
          l.currentHeadcount,
          l.requiredFte === null ? '—' : l.requiredFte.toFixed(1),
          l.newHires,
          l.hiresByQuarter.join(' / '),
          money(l.plannedCapacityMinor),
          money(l.uncoveredMinor),
        ])}
      />
      <p className="muted">
        {t('approvalContext.ramp')}: {context.ramp.map((r) => formatPct(r, 0)).join(' → ')}
      </p>
    </>
  );
}

function PayoutTables({ context }: { context: ContextOf<'payout'> }) {
  const { t } = useTranslation();
  const money = (minor: number) => formatMoney(minor, context.currency ?? 'CNY');
  return (
    <Table
      testId="context-payout"
      head={[t('approvalContext.line'), t('approvalContext.payees'), t('approvalContext.amount')]}
      rows={[
        ...context.byLine.map((l) => [l.lineKey, l.payees, money(l.amountMinor)]),
        [
          <strong key="total">{t('common.total')}</strong>,
          context.payees,
          <strong key="sum">{money(context.totalMinor)}</strong>,
        ],
      ]}
    />
  );
}

function Unavailable({ context }: { context: ContextOf<'unavailable'> }) {
  const { t } = useTranslation();
  return <p className="muted">{t('approvalContext.unavailable', { reason: context.reason })}</p>;
}

const VIEWS = {
  budget: BudgetTables,
  quota: QuotaTables,
  staffing: StaffingTables,
  payout: PayoutTables,
  unavailable: Unavailable,
} satisfies { [K in ApprovalContext['kind']]: (props: { context: ContextOf<K> }) => ReactNode };

function ContextView({ context }: { context: ApprovalContext }) {
  // VIEWS is checked per kind above; TypeScript cannot tie the lookup's kind to the props' kind.
  const View = VIEWS[context.kind] as (props: { context: ApprovalContext }) => ReactNode;
  return <View context={context} />;
}

/** The approval's context as tables (what the approver decides on), loaded from the API. */
export function ApprovalContextPanel({ approvalId }: { approvalId: string }) {
  const context = useApi(() => approvalsApi.context(approvalId), [approvalId]);
  return (
    <div data-testid="approval-context-tables">
      <Loadable state={context}>{(data) => <ContextView context={data} />}</Loadable>
    </div>
  );
}
