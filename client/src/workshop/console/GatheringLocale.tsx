import { DEFAULT_LOCALE, isLocale, LOCALE_IDS, LOCALE_NAMES } from '@torg/shared';
import { useId } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { note } from '../../ui/toast-note.js';
import { api } from '../api.js';
import type { PanelProps } from './types.js';

/**
 * The gathering's written language (Bokmål, Nynorsk, English): the texts of the templates its
 * new boards start from, and its reports. Chosen per gathering (public bodies write in the
 * form their readers use); each person's page keeps its own language.
 */
export function GatheringLocale({ ctx, run, disabled }: PanelProps & { disabled?: boolean }) {
  const t = useT();
  const id = useId();
  const { workshopId, token } = ctx;
  return (
    <p className="inline-form">
      <label htmlFor={id} className="field-label">
        {t('console.gatheringLocale')}
      </label>{' '}
      <select
        id={id}
        className="input"
        value={ctx.state.meta?.locale ?? DEFAULT_LOCALE}
        disabled={disabled}
        onChange={(e) => {
          const next = e.target.value;
          if (isLocale(next))
            void run(
              () => api.setGatheringLocale(workshopId, token, next),
              note('console.gatheringLocaleSaved', { language: LOCALE_NAMES[next].name }),
            );
        }}
      >
        {LOCALE_IDS.map((l) => (
          <option key={l} value={l} lang={LOCALE_NAMES[l].tag}>
            {LOCALE_NAMES[l].name}
          </option>
        ))}
      </select>
    </p>
  );
}
