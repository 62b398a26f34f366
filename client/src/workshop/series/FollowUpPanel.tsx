import './series.css';
import { type FollowUpItem, formatDay, type Measure } from '@torg/shared';

import { useCallback, useEffect, useId, useState } from 'react';
import { useLocale } from '../../i18n/LocaleProvider.js';
import type { PanelProps } from '../console/types.js';
import { MeasureFields } from '../measures/MeasureFields.js';
import { FollowUpSummary } from './FollowUpSummary.js';
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
                <MeasureRow
                  measure={item.measure}
                  text={item.text}
                  onSave={(patch) => update(item, patch)}
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/**
 * One measure's fields in the list: the date and status saved when changed, the owner when
 * focus leaves it (not at every key).
 */
function MeasureRow({
  measure,
  text,
  onSave,
}: {
  measure: Measure;
  text: string;
  onSave(patch: Partial<Measure>): void;
}) {
  const [owner, setOwner] = useState(measure.owner);
  useEffect(() => setOwner(measure.owner), [measure.owner]);
  return (
    <MeasureFields
      measure={{ ...measure, owner }}
      about={text}
      onChange={(patch) => {
        if (patch.owner !== undefined) setOwner(patch.owner);
        else onSave(patch);
      }}
      onOwnerDone={() => owner.trim() !== measure.owner && onSave({ owner: owner.trim() })}
    />
  );
}
