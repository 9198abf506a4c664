import { Fragment, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PayoutStatement } from '@opscycle/domain';
import { formatMoney } from '../format';

type StatementLine = PayoutStatement['lines'][number];

/**
 * A statement's lines, each opening to why it is that amount. `actions` renders extra controls per
 * line (e.g. questioning it), so other screens reuse the lines as they are.
 */
export function StatementLines({
  statement,
  actions,
  initiallyOpen = null,
  totalTestId = `statement-total-${statement.runId}`,
}: {
  statement: PayoutStatement;
  actions?: (line: StatementLine) => ReactNode;
  /** The line shown explained when the statement opens (payroll's view opens the first). */
  initiallyOpen?: string | null;
  totalTestId?: string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(initiallyOpen);
  const columns = actions ? 4 : 3;
  return (
    <table data-testid={`statement-${statement.runId}`}>
      <thead>
        <tr>
          <th>{t('payouts.line')}</th>
          <th>{t('payouts.kind')}</th>
          <th className="num">{t('payouts.amount')}</th>
          {actions && <th />}
        </tr>
      </thead>
      <tbody>
        {statement.lines.map((line) => (
          <Fragment key={line.lineKey}>
            <tr
              data-testid={`line-${line.lineKey}`}
              style={{ cursor: 'pointer' }}
              aria-expanded={open === line.lineKey}
              onClick={() => setOpen(open === line.lineKey ? null : line.lineKey)}
            >
              <td>
                {open === line.lineKey ? '▾' : '▸'} {line.lineKey}
              </td>
              <td>{t(`lineKind.${line.kind}`)}</td>
              <td className="num">{formatMoney(line.amountMinor, line.currency)}</td>
              {actions && <td onClick={(e) => e.stopPropagation()}>{actions(line)}</td>}
            </tr>
            {open === line.lineKey && (
              <tr>
                <td colSpan={columns}>
                  <strong>{t('payouts.explanation')}</strong>
                  <ol data-testid={`explanation-${line.lineKey}`}>
                    {line.explanation.map((sentence, i) => (
                      <li key={i}>{sentence}</li>
                    ))}
                  </ol>
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th colSpan={2}>{t('common.total')}</th>
          <th className="num" data-testid={totalTestId}>
            {formatMoney(statement.totalMinor, statement.currency)}
          </th>
          {actions && <th />}
        </tr>
      </tfoot>
    </table>
  );
}
