import './series.css';
import {
  type FollowUpItem,
  formatDay,
  MEASURE_STATUSES,
  type Measure,
  type MeasureStatus,
} from '@torg/shared';

import { useCallback, useEffect, useId, useState } from 'react';
import { useLocale } from '../../i18n/LocaleProvider.js';
import type { PanelProps } from '../console/types.js';
import { FollowUpSummary, STATUS_LABEL } from './FollowUpSummary.js';
import { seriesApi } from './series-api.js';

/**
 * The console's "Oppfølging": every measure of the series (notes with an owner, a due date
 * and a status on the boards), what is late, and each one's owner, date and status changed
 * right in the list (written to the board, where the group sees it).
 */
export function FollowUpPanel({ ctx, run }: PanelProps) {
  const { t, locale } = useLocale();
  const headingId = useId();
  const { workshopId, token } = ctx;
  const [items, setItems] = useState<FollowUpItem[] | null>(null);
  const [onlyLate, setOnlyLate] = useState(false);

  const reload = useCallback(
    () => run(() => seriesApi.followUp(workshopId, token).then((r) => setItems(r.items))),
    [workshopId, token, run],
  );
  // Groups change their measures on the boards: looked for again every half minute.
  useEffect(() => {
    void reload();
    const timer = setInterval(
      () =>
        void seriesApi.followUp(workshopId, token).then(
          (r) => setItems(r.items),
          () => undefined,
        ),
      30_000,
    );
    return () => clearInterval(timer);
  }, [reload, workshopId, token]);

  const update = async (item: FollowUpItem, patch: Partial<Measure>) => {
    if (
      await run(() => seriesApi.updateMeasure(workshopId, token, item.boardId, item.shapeId, patch))
    )
      await reload();
  };

  const shown = (items ?? []).filter((i) => !onlyLate || i.late);
  return (
    <section className="card follow-up" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('followUp.title')}</h2>
      <p className="muted">{t('followUp.intro')}</p>
      <button type="button" className="btn" onClick={() => void reload()}>
        {t('followUp.refresh')}
      </button>
      {items === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p className="muted">{t('followUp.none')}</p>
      ) : (
        <>
          <FollowUpSummary items={items} />
          <div className="follow-up-tools">
            <label className="check">
              <input
                type="checkbox"
                checked={onlyLate}
                onChange={(e) => setOnlyLate(e.target.checked)}
              />
              {t('followUp.onlyLate')}
            </label>
          </div>
          <ul className="follow-up-list">
            {shown.map((item) => (
              <li
                key={`${item.boardId}/${item.shapeId}`}
                className={item.late ? 'late' : undefined}
              >
                <p className="follow-up-text">
                  {item.text || t('followUp.noText')}
                  {item.late && <strong className="late-badge"> {t('measure.late')}</strong>}
                </p>
                <p className="muted">
                  {[
                    item.group,
                    item.boardName,
                    `${item.gathering} (${formatDay(locale, item.gatheringDate)})`,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
                <MeasureFields
                  measure={item.measure}
                  text={item.text}
                  onChange={(patch) => update(item, patch)}
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** A measure's owner, due date and status as fields; each saved when it is changed. */
export function MeasureFields({
  measure,
  text,
  onChange,
}: {
  measure: Measure;
  text: string;
  onChange(patch: Partial<Measure>): void;
}) {
  const t = useLocale().t;
  const [owner, setOwner] = useState(measure.owner);
  useEffect(() => setOwner(measure.owner), [measure.owner]);
  const about = text.slice(0, 60);
  return (
    <div className="measure-fields">
      <label>
        <span>{t('measure.owner')}</span>
        <input
          className="input"
          value={owner}
          maxLength={80}
          aria-label={t('measure.ownerOf', { text: about })}
          onChange={(e) => setOwner(e.target.value)}
          onBlur={() => owner.trim() !== measure.owner && onChange({ owner: owner.trim() })}
        />
      </label>
      <label>
        <span>{t('measure.due')}</span>
        <input
          className="input"
          type="date"
          value={measure.due}
          aria-label={t('measure.dueOf', { text: about })}
          onChange={(e) => onChange({ due: e.target.value })}
        />
      </label>
      <label>
        <span>{t('measure.status')}</span>
        <select
          className="input"
          value={measure.status}
          aria-label={t('measure.statusOf', { text: about })}
          onChange={(e) => onChange({ status: e.target.value as MeasureStatus })}
        >
          {MEASURE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(STATUS_LABEL[s])}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
