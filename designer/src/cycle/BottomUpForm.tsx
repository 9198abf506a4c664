import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CycleView } from '@opscycle/domain';
import { cyclesApi } from '../api/cycles';
import { formatMoney } from '../format';
import { parseAmountMinor } from './amountInput';

const CURRENCY = 'CNY';

/** A manager's bottom-up number for a unit of their part of the org, through the one submission route. */
export function BottomUpForm({ cycle, onSubmitted }: { cycle: CycleView; onSubmitted: () => void }) {
  const { t } = useTranslation();
  const units = cycle.orgUnits;
  const [unitId, setUnitId] = useState(units[0]?.id ?? '');
  const [amount, setAmount] = useState('');
  const [comment, setComment] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async () => {
    const amountMinor = parseAmountMinor(amount);
    if (amountMinor === null) return setMessage({ ok: false, text: t('cycleView.invalidAmount') });
    try {
      const saved = await cyclesApi.submit(cycle.cycleId, unitId, {
        amountMinor,
        currency: CURRENCY,
        comment,
      });
      const unit = units.find((u) => u.id === saved.unitId)?.name ?? saved.unitId;
      setMessage({
        ok: true,
        text: t('cycleView.submitted', { amount: formatMoney(saved.amountMinor, saved.currency), unit }),
      });
      onSubmitted();
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
    }
  };
  return (
    <form
      className="row"
      data-testid="bottom-up-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label>
        {t('cycleView.submitUnit')}{' '}
        <select data-testid="bottom-up-unit" value={unitId} onChange={(e) => setUnitId(e.target.value)}>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('cycleView.submitAmount', { currency: CURRENCY })}{' '}
        <input
          data-testid="bottom-up-amount"
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
        />
      </label>
      <label>
        {t('cycleView.submitComment')}{' '}
        <input data-testid="bottom-up-comment" value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      <button type="submit" className="primary" data-testid="bottom-up-submit">
        {t('cycleView.submit')}
      </button>
      {message && (
        <span
          className={message.ok ? 'ok' : 'error'}
          role={message.ok ? 'status' : 'alert'}
          data-testid="bottom-up-message"
        >
          {message.text}
        </span>
      )}
    </form>
  );
}
