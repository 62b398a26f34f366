import { type FormEvent, useEffect, useState } from 'react';
import { accountApi, type OwnWorkshop } from '../../accounts/account-api.js';
import { useT } from '../../i18n/LocaleProvider.js';
import { note } from '../../ui/toast-note.js';
import type { Run } from '../console/types.js';

/**
 * "Legg til en samling du eier": a signed-in facilitator puts another of their gatherings
 * (one in no series) into this series. Shown only with a session that owns such a gathering.
 */
export function AddOwnGathering({
  seriesId,
  workshopId,
  run,
  onAdded,
}: {
  seriesId: string;
  workshopId: string;
  run: Run;
  onAdded(): void;
}) {
  const t = useT();
  const [own, setOwn] = useState<OwnWorkshop[]>([]);
  const [chosen, setChosen] = useState('');
  useEffect(() => {
    let live = true;
    // Without a session (a facilitator link), there is nothing to offer: no error either.
    accountApi.workshops().then(
      (list) => live && setOwn(list.filter((w) => !w.series && w.workshopId !== workshopId)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [workshopId]);
  if (own.length === 0) return null;

  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    const ok = await run(() => accountApi.addToSeries(seriesId, chosen), note('series.added'));
    if (ok) {
      setOwn((list) => list.filter((w) => w.workshopId !== chosen));
      setChosen('');
      onAdded();
    }
  };
  return (
    <form className="series-add" onSubmit={add}>
      <label>
        {t('series.addOwn')}{' '}
        <select className="input" value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">{t('series.addChoose')}</option>
          {own.map((w) => (
            <option key={w.workshopId} value={w.workshopId}>
              {w.title} ({w.date})
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="submit" className="btn" disabled={!chosen}>
        {t('series.add')}
      </button>
    </form>
  );
}
