import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TargetProposal } from '@opscycle/domain';
import { cyclesApi } from '../api/cycles';
import { parseAmountMinor } from './amountInput';

/** The ops admin changes the proposed company target, with a reason, before target setting reads it. */
export function AdjustTargetForm({
  cycleId,
  proposal,
  onAdjusted,
}: {
  cycleId: string;
  proposal: TargetProposal;
  onAdjusted: () => void;
}) {
  const { t } = useTranslation();
  const [amount, setAmount] = useState((proposal.companyTargetMinor / 100).toFixed(2));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const companyTargetMinor = parseAmountMinor(amount);
    if (companyTargetMinor === null) return setError(t('cycleView.invalidAmount'));
    setBusy(true);
    try {
      await cyclesApi.adjustTarget(cycleId, { companyTargetMinor, reason });
      setError(null);
      setReason('');
      onAdjusted();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="row"
      data-testid="adjust-target"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <strong>{t('cycleView.adjust')}</strong>
      <label>
        {t('cycleView.adjustAmount', { currency: proposal.currency })}{' '}
        <input
          data-testid="adjust-amount"
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
        />
      </label>
      <label>
        {t('cycleView.adjustReason')}{' '}
        <input
          data-testid="adjust-reason"
          required
          minLength={3}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <button type="submit" className="primary" data-testid="adjust-save" disabled={busy}>
        {t('cycleView.adjustSave')}
      </button>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
