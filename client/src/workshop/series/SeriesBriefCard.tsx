import './follow-up-texts.js';
import { formatDay, type SeriesBrief } from '@torg/shared';
import './series.css';
import { useEffect, useId, useState } from 'react';
import { useLocale } from '../../i18n/LocaleProvider.js';
import { FollowUpSummary } from './FollowUpSummary.js';
import { seriesApi } from './series-api.js';

/**
 * What a gathering of a series opens with, for everyone in it: the assignment given at the
 * end of the gathering before, and how the measures decided so far are doing.
 */
export function SeriesBriefCard({ workshopId, token }: { workshopId: string; token: string }) {
  const { t, locale } = useLocale();
  const headingId = useId();
  const [brief, setBrief] = useState<SeriesBrief | null>(null);

  useEffect(() => {
    let live = true;
    seriesApi.brief(workshopId, token).then(
      (b) => live && setBrief(b),
      () => live && setBrief(null),
    );
    return () => {
      live = false;
    };
  }, [workshopId, token]);

  if (!brief?.series || (!brief.previous && brief.followUp.length === 0)) return null;
  const previous = brief.previous;
  return (
    <section className="card series-brief" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('brief.title', { name: brief.series.name })}</h2>
      {previous && (
        <>
          <p className="muted">
            {t('brief.from', { title: previous.title, date: formatDay(locale, previous.date) })}
          </p>
          {previous.assignment ? (
            <blockquote className="series-assignment">{previous.assignment}</blockquote>
          ) : (
            <p className="muted">{t('brief.noAssignment')}</p>
          )}
        </>
      )}
      {brief.followUp.length > 0 && <FollowUpSummary items={brief.followUp} />}
    </section>
  );
}
