import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function Loadable<T>({
  state,
  children,
}: {
  state: { data: T | null; error: Error | null; loading: boolean };
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (state.error)
    return (
      <p className="error" role="alert">
        {t('common.error', { message: state.error.message })}
      </p>
    );
  if (state.data === null) return <p className="muted">{t('common.loading')}</p>;
  return <>{children(state.data)}</>;
}
