import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from './session';
import { LanguageSwitch } from '../shell/LanguageSwitch';

export function LoginPage() {
  const { t } = useTranslation();
  const { login } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username, password);
    } catch (err) {
      setError(t('login.failed', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login">
      <form className="login-card" onSubmit={(e) => void submit(e)} aria-label={t('login.title')}>
        <div className="login-head">
          <h1>{t('login.title')}</h1>
          <LanguageSwitch />
        </div>
        <p className="muted">{t('app.tagline')}</p>
        <label>
          {t('login.username')}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
    </div>
  );
}
