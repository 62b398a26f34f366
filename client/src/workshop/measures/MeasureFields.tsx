import '../series/follow-up-texts.js';
import './measures.css';
import {
  MEASURE_OWNER_MAX,
  MEASURE_STATUSES,
  type Measure,
  type MeasureStatus,
} from '@torg/shared';
import { useT } from '../../i18n/LocaleProvider.js';
import { STATUS_LABEL } from '../series/FollowUpSummary.js';

/**
 * A measure's owner, due date and status as labelled fields, the same on the board's dialog
 * and in the facilitator's follow-up list. Controlled: `onChange` gets each change; `about`
 * (the note's words) names the fields where many measures stand in one list.
 */
export function MeasureFields({
  measure,
  about,
  onChange,
  onOwnerDone,
}: {
  measure: Measure;
  about?: string;
  onChange(patch: Partial<Measure>): void;
  /** Focus left the owner field (the list saves the owner then, not at every key). */
  onOwnerDone?(): void;
}) {
  const t = useT();
  const named = (key: 'measure.ownerOf' | 'measure.dueOf' | 'measure.statusOf') =>
    about === undefined ? undefined : t(key, { text: about.slice(0, 60) });
  return (
    <div className="measure-fields">
      <label className="measure-owner">
        <span>{t('measure.owner')}</span>
        <input
          className="input"
          value={measure.owner}
          maxLength={MEASURE_OWNER_MAX}
          aria-label={named('measure.ownerOf')}
          onChange={(e) => onChange({ owner: e.target.value })}
          onBlur={onOwnerDone}
        />
      </label>
      <label>
        <span>{t('measure.due')}</span>
        <input
          className="input"
          type="date"
          value={measure.due}
          aria-label={named('measure.dueOf')}
          onChange={(e) => onChange({ due: e.target.value })}
        />
      </label>
      <label>
        <span>{t('measure.status')}</span>
        <select
          className="input"
          value={measure.status}
          aria-label={named('measure.statusOf')}
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
