import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { approvalsApi, type ApprovalView, type InboxDecision } from '../api/approvals';

const DECISIONS = [
  'approve',
  'requestChanges',
  'reject',
  'delegate',
] as const satisfies readonly InboxDecision[];
/** Rejecting or returning a request must tell the submitter why; the workflow enforces it too. */
const NEEDS_REASON = {
  approve: false,
  requestChanges: true,
  reject: true,
  delegate: false,
} as const satisfies Record<InboxDecision, boolean>;

export function DecisionForm({
  approval,
  onDecided,
}: {
  approval: ApprovalView;
  onDecided: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [delegateTo, setDelegateTo] = useState('');
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  // One id per decision attempt: a double click or a retry after a timeout is deduplicated by the server.
  const [decisionId, setDecisionId] = useState(() => crypto.randomUUID());

  async function decide(kind: InboxDecision) {
    if (NEEDS_REASON[kind] && !reason.trim()) {
      setMessage({ text: t('inbox.commentRequired'), ok: false });
      return;
    }
    setBusy(true);
    try {
      await approvalsApi.decide(approval.approvalId, kind, {
        decisionId,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        ...(kind === 'delegate' ? { delegateTo } : {}),
      });
      setMessage(null);
      setReason('');
      setDecisionId(crypto.randomUUID());
      // The page shows the notice: a decided approval leaves the inbox, and this form with it.
      onDecided(`${t('inbox.decided')}: ${t(`decision.${kind}`)}`);
    } catch (err) {
      setMessage({ text: t('common.error', { message: (err as Error).message }), ok: false });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="decision">
      <h3>{t('inbox.decision')}</h3>
      <textarea
        aria-label={t('common.comment')}
        data-testid="decision-comment"
        placeholder={t('common.comment')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <div className="row">
        {DECISIONS.map((kind) => (
          <button
            key={kind}
            className={kind === 'approve' ? 'primary' : kind === 'reject' ? 'danger' : ''}
            data-testid={`decide-${kind}`}
            disabled={busy || (kind === 'delegate' && !delegateTo)}
            onClick={() => void decide(kind)}
          >
            {t(`decision.${kind}`)}
          </button>
        ))}
        <input
          aria-label={t('inbox.delegateTo')}
          placeholder={t('inbox.delegateTo')}
          data-testid="delegate-to"
          value={delegateTo}
          onChange={(e) => setDelegateTo(e.target.value)}
        />
      </div>
      {message && (
        <p role="status" data-testid="decision-status" className={message.ok ? 'ok' : 'error'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
