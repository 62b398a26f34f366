import { formatDay, RETENTION_DAYS, type RetentionDays } from '@torg/shared';
import { useId, useState } from 'react';
import { useLocale } from '../../i18n/LocaleProvider.js';
import { note } from '../../ui/toast-note.js';
import { api } from '../api.js';
import type { PanelProps } from './types.js';

/**
 * "Delete the data automatically N days after the gathering": a choice that takes effect at
 * once (the server stores it and deletes the workshop when the time is up). The line below it
 * says when, as the server computed it.
 */
export function RetentionSetting({ ctx, run }: PanelProps) {
  const { t, locale } = useLocale();
  const id = useId();
  const { state, workshopId, token } = ctx;
  const retention = state.meta?.retention ?? null;
  const [busy, setBusy] = useState(false);

  const change = async (value: string) => {
    const days = value === '' ? null : (Number(value) as RetentionDays);
    setBusy(true);
    await run(() => api.setRetention(workshopId, token, days), note('console.retentionSaved'));
    setBusy(false);
  };

  return (
    <div className="danger-row">
      <div>
        <label htmlFor={id} className="field-label">
          {t('console.retention')}
        </label>
        <p className="field-hint" id={`${id}-hint`}>
          {t('console.retentionHint')}
        </p>
        <p className="field-hint" id={`${id}-status`} data-testid="retention-status">
          {retention
            ? t('console.retentionOn', {
                date: formatDay(locale, retention.deleteOn),
                n: retention.days,
              })
            : t('console.retentionNone')}
        </p>
      </div>
      <select
        id={id}
        className="input"
        value={retention ? String(retention.days) : ''}
        disabled={busy}
        aria-describedby={`${id}-hint ${id}-status`}
        onChange={(e) => void change(e.target.value)}
      >
        <option value="">{t('console.retentionOff')}</option>
        {RETENTION_DAYS.map((n) => (
          <option key={n} value={String(n)}>
            {t('console.retentionDays', { n })}
          </option>
        ))}
      </select>
    </div>
  );
}
