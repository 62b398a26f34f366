import { useT } from '../i18n/LocaleProvider.js';
import { LocaleSwitch } from '../i18n/LocaleSwitch.js';

/** The header of the join and no-access pages: the name (a link home) and the language. */
export function PageHeader() {
  const t = useT();
  return (
    <header className="home-header">
      <a className="brand brand-large" href="/">
        {t('app.name')}
      </a>
      <LocaleSwitch />
    </header>
  );
}
