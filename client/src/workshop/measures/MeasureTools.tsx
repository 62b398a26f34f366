import '../series/follow-up-texts.js';
import './measures.css';
import { EMPTY_MEASURE, MEASURE_BASIS_MAX, type Measure, type Sticky } from '@torg/shared';

import { type FormEvent, useEffect, useId, useState } from 'react';
import { patchShapes } from '../../board/actions.js';
import type { Editor } from '../../board/editor/Editor.js';
import { useEditorState } from '../../board/editor/hooks.js';
import { useRevisions } from '../../board/hooks.js';
import { useT } from '../../i18n/LocaleProvider.js';
import { Modal } from '../../ui/Modal.js';
import { STATUS_LABEL } from '../series/FollowUpSummary.js';
import { type MeasureBasis, seriesApi } from '../series/series-api.js';
import { MeasureFields } from './MeasureFields.js';

/**
 * A note as a measure ("tiltak"): with one note selected on a board this person may edit,
 * "Tiltak" opens its owner, due date and status, and what it builds on (approved stakeholder
 * inputs of the series, suggestions accepted in the market square). Written into the board
 * like any other edit, so the group sees it on the note and the facilitator's follow-up list.
 */
export function MeasureTools({
  api,
  workshopId,
  token,
}: {
  api: Editor;
  workshopId: string;
  token: string;
}) {
  const t = useT();
  const selected = useEditorState(api, (s) =>
    s.readOnly || s.selection.length !== 1 ? null : (s.selection[0] ?? null),
  );
  // The note as it is now: a change from elsewhere (the facilitator's follow-up) shows at once.
  useRevisions(api.store, selected ? [selected] : []);
  const shape = selected ? api.store.get(selected) : undefined;
  const note = shape?.type === 'sticky' && !shape.locked ? shape : null;
  const [open, setOpen] = useState(false);
  if (!note) return null;
  return (
    <div className="measure-tools">
      <button type="button" className="chip" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {note.measure
          ? `${t('measure.title')}: ${t(STATUS_LABEL[note.measure.status])}`
          : t('measure.make')}
      </button>
      {open && (
        <MeasureDialog
          api={api}
          note={note}
          workshopId={workshopId}
          token={token}
          onClose={() => setOpen(false)}
        />
      )}
    </div>
  );
}

function MeasureDialog({
  api,
  note,
  workshopId,
  token,
  onClose,
}: {
  api: Editor;
  note: Sticky;
  workshopId: string;
  token: string;
  onClose(): void;
}) {
  const t = useT();
  const titleId = useId();
  const [draft, setDraft] = useState<Measure>(note.measure ?? EMPTY_MEASURE);
  const [basis, setBasis] = useState<MeasureBasis | null>(null);
  useEffect(() => {
    let live = true;
    seriesApi.measureBasis(workshopId, token).then(
      (b) => live && setBasis(b),
      () => live && setBasis({ inputs: [], suggestions: [] }),
    );
    return () => {
      live = false;
    };
  }, [workshopId, token]);

  const write = (measure: Measure | undefined) => {
    patchShapes(api.doc, new Map([[note.id, { measure }]]));
    onClose();
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    write({ ...draft, owner: draft.owner.trim() });
  };
  const toggle = (key: string) =>
    setDraft((d) => ({
      ...d,
      basedOn: d.basedOn.includes(key)
        ? d.basedOn.filter((k) => k !== key)
        : [...d.basedOn, key].slice(0, MEASURE_BASIS_MAX),
    }));
  const options = basis ? [...basis.inputs, ...basis.suggestions] : [];

  return (
    <Modal open onClose={onClose} labelledBy={titleId} className="measure-dialog">
      <form onSubmit={save}>
        <h2 id={titleId}>{t('measure.title')}</h2>
        <p className="measure-note">{note.text || t('followUp.noText')}</p>
        <p className="field-hint">{t('measure.makeHint')}</p>
        <MeasureFields measure={draft} onChange={(patch) => setDraft({ ...draft, ...patch })} />
        <fieldset className="measure-basis">
          <legend>{t('measure.basedOn')}</legend>
          <p className="field-hint">{t('measure.basedOnHint')}</p>
          {basis === null ? null : options.length === 0 ? (
            <p className="muted">{t('measure.noBasis')}</p>
          ) : (
            <>
              {basis.inputs.length > 0 && <h3>{t('measure.inputs')}</h3>}
              {basis.inputs.map((i) => (
                <label key={i.key} className="check">
                  <input
                    type="checkbox"
                    checked={draft.basedOn.includes(i.key)}
                    onChange={() => toggle(i.key)}
                  />
                  <span>
                    <strong>{i.stakeholder}:</strong> {i.text}
                  </span>
                </label>
              ))}
              {basis.suggestions.length > 0 && <h3>{t('measure.suggestions')}</h3>}
              {basis.suggestions.map((s) => (
                <label key={s.key} className="check">
                  <input
                    type="checkbox"
                    checked={draft.basedOn.includes(s.key)}
                    onChange={() => toggle(s.key)}
                  />
                  <span>
                    {s.text} <span className="muted">({s.board})</span>
                  </span>
                </label>
              ))}
            </>
          )}
        </fieldset>
        <div className="modal-actions">
          <button type="submit" className="btn btn-primary">
            {t('measure.save')}
          </button>
          {note.measure && (
            <button type="button" className="btn" onClick={() => write(undefined)}>
              {t('measure.remove')}
            </button>
          )}
          <button type="button" className="btn" onClick={onClose}>
            {t('measure.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
