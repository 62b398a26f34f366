import '../series/follow-up-texts.js';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { seriesApi } from '../series/series-api.js';

/**
 * On the room's screen while people arrive at a gathering of a series: the assignment the
 * gathering before gave them, so the day opens where the last one ended.
 */
export function ScreenAssignment({ workshopId, token }: { workshopId: string; token: string }) {
  const t = useT();
  const [assignment, setAssignment] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    seriesApi.brief(workshopId, token).then(
      (b) => live && setAssignment(b.previous?.assignment ?? null),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [workshopId, token]);
  if (!assignment) return null;
  return (
    <section className="screen-assignment">
      <h2>{t('brief.screenTitle')}</h2>
      <p>{assignment}</p>
    </section>
  );
}
