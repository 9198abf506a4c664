import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PayoutStatement } from '@opscycle/domain';
import { inquiriesApi } from './api';

/** "Question this line": a comment, sent as an inquiry the routing hands to a resolver. */
export function QuestionLine({
  statement,
  lineKey,
  onRaised,
}: {
  statement: PayoutStatement;
  lineKey: string;
  onRaised: () => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  if (sent) return <span className="muted">{t('inquiries.raised')}</span>;
  if (!open)
    return (
      <button data-testid={`question-${lineKey}`} onClick={() => setOpen(true)}>
        {t('inquiries.question')}
      </button>
    );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await inquiriesApi.raise(statement, lineKey, comment.trim());
      setSent(true);
      onRaised();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form className="row" onSubmit={(e) => void submit(e)}>
      <input
        data-testid={`question-comment-${lineKey}`}
        aria-label={t('inquiries.comment')}
        placeholder={t('inquiries.commentPlaceholder')}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <button type="submit" data-testid={`question-send-${lineKey}`} disabled={!comment.trim()}>
        {t('inquiries.send')}
      </button>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
