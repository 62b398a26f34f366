import type { SeriesOverview } from '@torg/shared';
import { type FormEvent, useId, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { Link } from '../../router.js';
import { Field } from '../../ui/Field.js';
import type { PanelProps } from '../console/types.js';
import { setToken } from '../tokens.js';
import { seriesApi } from './series-api.js';

/**
 * "Ny samling i rekken": title and date of the next gathering, and which boards of this one
 * to bring forward (copies that link back). The groups come along by themselves.
 */
export function NextGatheringForm({
  ctx,
  run,
  overview,
}: PanelProps & { overview: SeriesOverview }) {
  const t = useT();
  const legendId = useId();
  const { workshopId, token, state, me } = ctx;
  const here = overview.gatherings.find((g) => g.current);
  const boards = here?.boards ?? [];
  const [title, setTitle] = useState('');
  const [date, setDate] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [made, setMade] = useState<{ workshopId: string; title: string } | null>(null);

  const toggle = (id: string) =>
    setChosen((c) => {
      const next = new Set(c);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim() || !date) return;
    await run(async () => {
      const r = await seriesApi.next(workshopId, token, {
        title: title.trim(),
        date,
        boardIds: boards.filter((b) => chosen.has(b.id)).map((b) => b.id),
        facilitatorName: me?.name ?? t('series.facilitator'),
      });
      setToken(r.workshopId, r.token);
      setMade({ workshopId: r.workshopId, title: title.trim() });
      setTitle('');
      setChosen(new Set());
    });
  };

  const groupName = (groupId: string | null) =>
    state.groups.find((g) => g.id === groupId)?.name ?? t('series.plenary');

  return (
    <form className="series-next" onSubmit={submit}>
      <h3>{t('series.next')}</h3>
      <p className="muted">{t('series.nextHint', { count: state.groups.length })}</p>
      <div className="series-next-fields">
        <Field label={t('series.nextTitle')}>
          {(p) => (
            <input
              className="input"
              {...p}
              value={title}
              maxLength={120}
              required
              onChange={(e) => setTitle(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('series.nextDate')}>
          {(p) => (
            <input
              className="input"
              {...p}
              type="date"
              value={date}
              required
              onChange={(e) => setDate(e.target.value)}
            />
          )}
        </Field>
      </div>
      {boards.length > 0 && (
        <fieldset className="series-bring" aria-describedby={legendId}>
          <legend>{t('series.bring')}</legend>
          <p id={legendId} className="field-hint">
            {t('series.bringHint')}
          </p>
          {boards.map((b) => (
            <label key={b.id} className="check">
              <input type="checkbox" checked={chosen.has(b.id)} onChange={() => toggle(b.id)} />
              {b.name} <span className="muted">({groupName(b.groupId)})</span>
            </label>
          ))}
        </fieldset>
      )}
      <button type="submit" className="btn btn-primary">
        {t('series.nextMake')}
      </button>
      {made && (
        <p className="info" role="status">
          {t('series.nextMade', { title: made.title })}{' '}
          <Link href={`/w/${made.workshopId}/console`}>{t('series.nextOpen')}</Link>
        </p>
      )}
    </form>
  );
}
