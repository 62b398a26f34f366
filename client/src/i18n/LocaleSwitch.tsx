import { isLocale, LOCALE_IDS, LOCALE_NAMES } from '@torg/shared';
import { useLocale } from './LocaleProvider.js';

/**
 * The language of the page, chosen per person (kept in this browser): each language named in
 * itself, so a reader finds their own whatever the page shows now.
 */
export function LocaleSwitch() {
  const { locale, setLocale, t } = useLocale();
  return (
    <select
      className="input locale-switch"
      aria-label={t('locale.label')}
      value={locale}
      onChange={(e) => isLocale(e.target.value) && setLocale(e.target.value)}
    >
      {LOCALE_IDS.map((id) => (
        <option key={id} value={id} lang={LOCALE_NAMES[id].tag}>
          {LOCALE_NAMES[id].name}
        </option>
      ))}
    </select>
  );
}
