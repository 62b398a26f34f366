import { useLocale } from './LocaleProvider.js';

export function LocaleSwitch() {
  const { locale, setLocale, t } = useLocale();
  return (
    <button
      type="button"
      className="btn btn-quiet"
      title={t('locale.switchLabel')}
      lang={locale === 'nb' ? 'en' : 'nb'}
      onClick={() => setLocale(locale === 'nb' ? 'en' : 'nb')}
    >
      {t('locale.switch')}
    </button>
  );
}
