import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordDialog } from '../auth/PasswordDialog';
import { useSession, useUser } from '../auth/session';
import { LanguageSwitch } from './LanguageSwitch';
import { screensFor, type Screen } from './navigation';
import { navigate } from './route';

export function Layout({ screen, children }: { screen: Screen; children: ReactNode }) {
  const { t } = useTranslation();
  const user = useUser();
  const { logout } = useSession();
  const [passwordOpen, setPasswordOpen] = useState(false);
  return (
    <div className="shell">
      <header className="topbar">
        <strong className="brand">{t('app.name')}</strong>
        <span className="muted">{t('app.tagline')}</span>
        <nav aria-label="main">
          {screensFor(user.role).map((s) => (
            <a
              key={s}
              href={`#/${s}`}
              data-testid={`nav-${s}`}
              aria-current={s === screen ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate(s);
              }}
            >
              {t(`nav.${s}`)}
            </a>
          ))}
        </nav>
        <span className="spacer" />
        <span data-testid="whoami">
          {user.name} · {t(`role.${user.role}`)}
        </span>
        <LanguageSwitch />
        <button data-testid="change-password" onClick={() => setPasswordOpen((open) => !open)}>
          {t('password.open')}
        </button>
        <button data-testid="logout" onClick={logout}>
          {t('nav.logout')}
        </button>
      </header>
      {passwordOpen && <PasswordDialog onClose={() => setPasswordOpen(false)} />}
      <main className="content">{children}</main>
    </div>
  );
}
