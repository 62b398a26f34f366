import { formatDay, type SeriesOverview } from '@torg/shared';
import './series.css';
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { useLocale } from '../../i18n/LocaleProvider.js';
import { navigate } from '../../router.js';
import { Field } from '../../ui/Field.js';
import { note } from '../../ui/toast-note.js';
import { InlineRename } from '../console/InlineRename.js';
import type { PanelProps } from '../console/types.js';
import { setToken } from '../tokens.js';
import { AddOwnGathering } from './AddOwnGathering.js';
import { AssignmentEditor } from './AssignmentEditor.js';
import { NextGatheringForm } from './NextGatheringForm.js';
import { seriesApi } from './series-api.js';

/**
 * The console's "Samlingsrekke": this gathering's series (start one, rename, leave), its
 * gatherings with their plans and assignments (open another's console), the assignment to
 * the next gathering, and the next gathering itself with boards brought forward.
 */
export function SeriesPanel({ ctx, run }: PanelProps) {
  const { t, locale } = useLocale();
  const headingId = useId();
  const { workshopId, token, state } = ctx;
  const link = state.series ?? null;
  const [overview, setOverview] = useState<SeriesOverview | null>(null);
  const [name, setName] = useState('');

  const reload = useCallback(() => {
    if (!link) {
      setOverview(null);
      return;
    }
    void run(() => seriesApi.overview(workshopId, token).then(setOverview));
  }, [link, workshopId, token, run]);
  // Again when the series changes (made, renamed) or a gathering of it is added.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the link's name and id are what change
  useEffect(reload, [link?.id, link?.name, state.assignment?.at]);

  const start = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    await run(() => seriesApi.create(workshopId, token, name.trim()), note('series.started'));
    setName('');
  };

  /** Another gathering's console (the series shares facilitators), at a step if given. */
  const open = async (otherId: string, step?: 'export') => {
    await run(async () => {
      const entered = await seriesApi.enter(workshopId, token, otherId);
      setToken(otherId, entered.token);
      navigate(`/w/${otherId}/console${step ? `?step=${step}` : ''}`);
    });
  };

  return (
    <section className="card series" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('series.title')}</h2>
      {!link ? (
        <form className="series-start" onSubmit={start}>
          <p className="muted">{t('series.intro')}</p>
          <Field label={t('series.name')} hint={t('series.nameHint')}>
            {(p) => (
              <input
                className="input"
                {...p}
                value={name}
                maxLength={80}
                required
                onChange={(e) => setName(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="btn btn-primary">
            {t('series.start')}
          </button>
        </form>
      ) : (
        <>
          <div className="series-name">
            <span className="muted">{t('series.partOf')}</span>
            <InlineRename
              className="series-name-edit"
              label={t('series.name')}
              value={link.name}
              onSave={(next) =>
                run(() => seriesApi.rename(workshopId, token, next), note('series.renamed'))
              }
            />
          </div>
          <h3>{t('series.gatherings')}</h3>
          {overview ? (
            <ol className="series-gatherings">
              {overview.gatherings.map((g) => (
                <li key={g.workshopId} aria-current={g.current ? 'page' : undefined}>
                  <div className="series-gathering-head">
                    <strong>{g.title}</strong>{' '}
                    <span className="muted">
                      {formatDay(locale, g.date)}
                      {g.ended ? ` · ${t('series.ended')}` : ''}
                      {g.current ? ` · ${t('series.thisOne')}` : ''}
                    </span>
                  </div>
                  {g.agenda.steps.length > 0 && (
                    <p className="muted series-plan">
                      {t('series.plan', {
                        start: g.agenda.start ?? '',
                        steps: g.agenda.steps.map((s) => s.name).join(' · '),
                      })}
                    </p>
                  )}
                  <p className="muted">
                    {t('series.boards', { count: g.boards.length })}
                    {g.boards.some((b) => b.broughtFrom)
                      ? ` · ${t('series.brought', { count: g.boards.filter((b) => b.broughtFrom).length })}`
                      : ''}
                  </p>
                  {g.assignment && (
                    <blockquote className="series-assignment">
                      <span className="visually-hidden">{t('series.assignment')}: </span>
                      {g.assignment}
                    </blockquote>
                  )}
                  {!g.current && (
                    <div className="round-actions">
                      <button type="button" className="btn" onClick={() => open(g.workshopId)}>
                        {t('series.openConsole')}
                        <span className="visually-hidden"> {g.title}</span>
                      </button>
                      <button
                        type="button"
                        className="btn"
                        onClick={() => open(g.workshopId, 'export')}
                      >
                        {t('series.report')}
                        <span className="visually-hidden"> {g.title}</span>
                      </button>
                    </div>
                  )}
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">{t('common.loading')}</p>
          )}
          <AddOwnGathering seriesId={link.id} workshopId={workshopId} run={run} onAdded={reload} />
          <AssignmentEditor ctx={ctx} run={run} />
          {overview && <NextGatheringForm ctx={ctx} run={run} overview={overview} />}
          <details className="series-leave">
            <summary>{t('series.leave')}</summary>
            <p className="muted">{t('series.leaveHint')}</p>
            <button
              type="button"
              className="btn btn-danger"
              onClick={() => run(() => seriesApi.leave(workshopId, token), note('series.left'))}
            >
              {t('series.leaveButton')}
            </button>
          </details>
        </>
      )}
    </section>
  );
}
