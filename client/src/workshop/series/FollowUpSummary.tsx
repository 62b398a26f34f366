import './follow-up-texts.js';
import {
  type FollowUpItem,
  followUpCounts,
  type MeasureStatus,
  type MessageKey,
} from '@torg/shared';
import { useLocale } from '../../i18n/LocaleProvider.js';

export const STATUS_LABEL: Record<MeasureStatus, MessageKey> = {
  planned: 'measure.planned',
  started: 'measure.started',
  done: 'measure.done',
  dropped: 'measure.dropped',
};

/** "Due 01.03.2027" in the page's language, or nothing when no date is set. */
export function dueDate(due: string): string {
  return due ? due.split('-').reverse().join('.') : '';
}

/**
 * The status of the measures decided so far: how many are planned, started, done, dropped,
 * and which are late (listed, so nobody has to find them).
 */
export function FollowUpSummary({ items }: { items: readonly FollowUpItem[] }) {
  const { t } = useLocale();
  const counts = followUpCounts(items);
  const late = items.filter((i) => i.late);
  return (
    <div className="follow-up-summary">
      <h3>{t('followUp.statusTitle')}</h3>
      <ul className="follow-up-counts">
        {(['done', 'started', 'planned', 'dropped'] as const).map((s) => (
          <li key={s} data-status={s}>
            <strong>{counts[s]}</strong> {t(STATUS_LABEL[s])}
          </li>
        ))}
        <li data-status="late" data-any={counts.late > 0 || undefined}>
          <strong>{counts.late}</strong> {t('measure.late')}
        </li>
      </ul>
      {late.length > 0 && (
        <>
          <h4>{t('followUp.lateTitle')}</h4>
          <ul className="follow-up-late">
            {late.map((i) => (
              <li key={`${i.boardId}/${i.shapeId}`}>
                {i.text || t('followUp.noText')}{' '}
                <span className="muted">
                  {[i.measure.owner, t('followUp.dueOn', { date: dueDate(i.measure.due) }), i.group]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
