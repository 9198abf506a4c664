import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { InquiryView } from '@opscycle/domain';
import { formatDate, formatMoney } from '../format';

/** The answer as the rep reads it: the amount to be paid (and in which run), or the reason. */
export function InquiryAnswer({ inquiry }: { inquiry: InquiryView }) {
  const { t } = useTranslation();
  const resolution = inquiry.resolution;
  if (!resolution) return <span className="muted">{t('inquiries.waiting')}</span>;
  if (resolution.kind === 'expired') return <span>{t('inquiries.expiredAnswer')}</span>;
  if (resolution.kind === 'rejected')
    return (
      <span>{t('inquiries.rejectedAnswer', { reason: resolution.reason, by: resolution.resolvedBy })}</span>
    );
  return (
    <span>
      {t('inquiries.acceptedAnswer', {
        amount: formatMoney(resolution.amountMinor, inquiry.line.currency),
        by: resolution.resolvedBy,
      })}{' '}
      {inquiry.paidIn ? t('inquiries.paidIn', { period: inquiry.paidIn.period }) : t('inquiries.toBePaid')}
      {resolution.comment ? ` — ${resolution.comment}` : ''}
    </span>
  );
}

/** Inquiries with their line, question, status and answer; `actions` adds the resolver's controls. */
export function InquiryList({
  inquiries,
  actions,
  testId,
}: {
  inquiries: InquiryView[];
  actions?: (inquiry: InquiryView) => ReactNode;
  testId: string;
}) {
  const { t } = useTranslation();
  if (inquiries.length === 0) return <p className="muted">{t('inquiries.none')}</p>;
  return (
    <table data-testid={testId}>
      <thead>
        <tr>
          <th>{t('inquiries.line')}</th>
          <th className="num">{t('payouts.amount')}</th>
          <th>{t('inquiries.comment')}</th>
          <th>{t('inquiries.status')}</th>
          <th>{t('inquiries.answer')}</th>
          {actions && <th />}
        </tr>
      </thead>
      <tbody>
        {inquiries.map((inquiry) => (
          <tr key={inquiry.inquiryId} data-testid={`inquiry-${inquiry.line.lineKey}`}>
            <td>
              {inquiry.line.payeeId} · {inquiry.line.period} · {inquiry.line.lineKey}
              <div className="muted">
                {t('inquiries.raisedBy', { who: inquiry.raisedBy, at: formatDate(inquiry.raisedAt) })}
              </div>
            </td>
            <td className="num">{formatMoney(inquiry.line.amountMinor, inquiry.line.currency)}</td>
            <td>{inquiry.comment}</td>
            <td>
              <span className="badge" data-testid={`inquiry-status-${inquiry.line.lineKey}`}>
                {t(`inquiryStatus.${inquiry.status}`)}
              </span>
              {inquiry.status === 'open' && inquiry.assigneeIds.length > 0 && (
                <div className="muted">
                  {t('inquiries.askedNow', { who: inquiry.assigneeIds.join(', ') })}
                </div>
              )}
            </td>
            <td data-testid={`inquiry-answer-${inquiry.line.lineKey}`}>
              <InquiryAnswer inquiry={inquiry} />
            </td>
            {actions && <td>{actions(inquiry)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
