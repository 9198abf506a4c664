import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InquiryView } from '@opscycle/domain';
import { useUser } from '../auth/session';
import { inquiriesApi } from './api';

/** Major units as typed ("-1,250.50") to integer minor units, rounded half away from zero; null if not a number. */
export function toMinorUnits(typed: string): number | null {
  const cleaned = typed.replace(/[,\s]/g, '');
  if (!/^-?\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Math.sign(value) * Math.round(Math.abs(value) * 100);
}

/** The resolver's controls: accept with an amount (may be negative), reject with a reason, or delegate. */
export function ResolveInquiry({ inquiry, onDone }: { inquiry: InquiryView; onDone: () => void }) {
  const { t } = useTranslation();
  const user = useUser();
  const [amount, setAmount] = useState('');
  const [text, setText] = useState('');
  const [delegateTo, setDelegateTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (inquiry.status !== 'open' || !user.personId || !inquiry.assigneeIds.includes(user.personId))
    return null;
  const amountMinor = toMinorUnits(amount);
  const key = inquiry.line.lineKey;
  const act = async (call: () => Promise<unknown>) => {
    try {
      await call();
      setError(null);
      onDone();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div>
      <div className="row">
        <input
          data-testid={`resolve-amount-${key}`}
          aria-label={t('inquiries.amount')}
          placeholder={t('inquiries.amountPlaceholder')}
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
        />
        <input
          data-testid={`resolve-text-${key}`}
          aria-label={t('inquiries.reasonOrComment')}
          placeholder={t('inquiries.reasonOrComment')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className="row">
        <button
          data-testid={`accept-${key}`}
          disabled={amountMinor === null}
          onClick={() =>
            void act(() => inquiriesApi.accept(inquiry.inquiryId, amountMinor ?? 0, text.trim()))
          }
        >
          {t('inquiries.accept')}
        </button>
        <button
          data-testid={`reject-${key}`}
          disabled={!text.trim()}
          onClick={() => void act(() => inquiriesApi.reject(inquiry.inquiryId, text.trim()))}
        >
          {t('inquiries.reject')}
        </button>
        <input
          data-testid={`delegate-to-${key}`}
          aria-label={t('inquiries.delegateTo')}
          placeholder={t('inquiries.delegateTo')}
          value={delegateTo}
          onChange={(e) => setDelegateTo(e.target.value)}
        />
        <button
          data-testid={`delegate-${key}`}
          disabled={!delegateTo.trim()}
          onClick={() => void act(() => inquiriesApi.delegate(inquiry.inquiryId, delegateTo.trim()))}
        >
          {t('inquiries.delegate')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
