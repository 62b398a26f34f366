import '../series/follow-up-texts.js';
import { useEffect, useId, useState } from 'react';
import './measures.css';
import { useT } from '../../i18n/LocaleProvider.js';
import { seriesApi } from '../series/series-api.js';

/**
 * On a stakeholder map ("Interessentkart"): how many inputs came from each stakeholder type
 * in the series' input rounds, beside the map the group places those stakeholders on.
 */
export function StakeholderCounts({ workshopId, token }: { workshopId: string; token: string }) {
  const t = useT();
  const headingId = useId();
  const [counts, setCounts] = useState<{ label: string; count: number }[]>([]);
  useEffect(() => {
    let live = true;
    seriesApi.counts(workshopId, token).then(
      (c) => live && setCounts(c),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [workshopId, token]);
  if (counts.length === 0) return null;
  return (
    <details className="stakeholder-counts" open>
      <summary id={headingId}>{t('stakeholderCounts.title')}</summary>
      <ul aria-labelledby={headingId}>
        {counts.map((c) => (
          <li key={c.label}>{t('stakeholderCounts.item', { label: c.label, count: c.count })}</li>
        ))}
      </ul>
    </details>
  );
}
