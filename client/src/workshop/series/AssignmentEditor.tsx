import { ASSIGNMENT_MAX } from '@torg/shared';
import { type FormEvent, useEffect, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { Field } from '../../ui/Field.js';
import { note } from '../../ui/toast-note.js';
import type { PanelProps } from '../console/types.js';
import { seriesApi } from './series-api.js';

/**
 * "Oppdrag til neste samling": written at the end of the gathering (also after it has ended),
 * shown to everyone at the start of the next.
 */
export function AssignmentEditor({ ctx, run }: PanelProps) {
  const t = useT();
  const saved = ctx.state.assignment?.text ?? '';
  const [draft, setDraft] = useState(saved);
  // Another facilitator's save arrives through the document.
  useEffect(() => setDraft(saved), [saved]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    await run(
      () => seriesApi.setAssignment(ctx.workshopId, ctx.token, draft.trim()),
      note('series.assignmentSaved'),
    );
  };

  return (
    <form className="series-assignment-form" onSubmit={save}>
      <h3>{t('series.assignment')}</h3>
      <Field label={t('series.assignmentLabel')} hint={t('series.assignmentHint')}>
        {(p) => (
          <textarea
            className="input"
            {...p}
            rows={4}
            maxLength={ASSIGNMENT_MAX}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="btn" disabled={draft.trim() === saved}>
        {t('series.assignmentSave')}
      </button>
    </form>
  );
}
