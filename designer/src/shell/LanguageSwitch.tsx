import { useTranslation } from 'react-i18next';
import { LANGUAGES, switchLanguage, type Language } from '../i18n';

const LABEL_KEY = { 'zh-CN': 'language.zhCN', en: 'language.en' } as const satisfies Record<Language, string>;

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <select
      aria-label={t('language.label')}
      data-testid="language"
      value={i18n.language}
      onChange={(e) => void switchLanguage(e.target.value as Language)}
    >
      {LANGUAGES.map((l) => (
        <option key={l} value={l}>
          {t(LABEL_KEY[l])}
        </option>
      ))}
    </select>
  );
}
