import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiRequest } from '../api/client';

/**
 * Sets the signed-in person's own password. A login someone else created decides no approval or
 * inquiry until its person has done this (the API answers AUTH_PASSWORD_NOT_OWN).
 */
export function PasswordDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await apiRequest<null>('POST', '/auth/password', { currentPassword, newPassword });
      setCurrent('');
      setNew('');
      setOutcome({ ok: true, text: t('password.changed') });
    } catch (err) {
      const wrong = err instanceof ApiError && err.code === 'AUTH_CURRENT_PASSWORD_WRONG';
      setOutcome({ ok: false, text: wrong ? t('password.wrong') : (err as Error).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="password-dialog"
      role="dialog"
      aria-label={t('password.title')}
      onSubmit={(e) => void submit(e)}
    >
      <strong>{t('password.title')}</strong>
      <label>
        {t('password.current')}
        <input
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(e) => setCurrent(e.target.value)}
          required
        />
      </label>
      <label>
        {t('password.new')}
        <input
          name="newPassword"
          type="password"
          autoComplete="new-password"
          minLength={10}
          value={newPassword}
          onChange={(e) => setNew(e.target.value)}
          required
        />
      </label>
      <span className="muted">{t('password.rule')}</span>
      {outcome && (
        <p role={outcome.ok ? 'status' : 'alert'} className={outcome.ok ? 'ok' : 'error'}>
          {outcome.text}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {t('common.save')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </form>
  );
}
