import { type FormEvent, useId, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { navigate } from '../../router.js';
import { Modal } from '../../ui/Modal.js';
import { note } from '../../ui/toast-note.js';
import { api } from '../api.js';
import { forgetWorkshop } from '../tokens.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { RetentionSetting } from './RetentionSetting.js';
import type { PanelProps } from './types.js';

/** End the workshop (confirm) or delete it (type its title to confirm). */
export function DangerZone({ ctx, run }: PanelProps) {
  const t = useT();
  const headingId = useId();
  const deleteId = useId();
  const { state, workshopId, token } = ctx;
  const title = state.meta?.title ?? '';
  const ended = !!state.meta?.ended;
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);

  const remove = async (e: FormEvent) => {
    e.preventDefault();
    if (typed.trim() !== title.trim()) {
      setMismatch(true);
      return;
    }
    setBusy(true);
    const boardIds = state.boards.map((b) => b.id);
    const ok = await run(() => api.remove(workshopId, token));
    setBusy(false);
    if (!ok) return;
    forgetWorkshop(workshopId, boardIds);
    navigate('/', { replace: true });
  };

  return (
    <section className="card danger" aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1}>
        {t('console.danger')}
      </h2>
      <div className="danger-row">
        <div>
          <p className="field-label">{t('console.end')}</p>
          <p className="field-hint">{ended ? t('console.ended') : t('console.endHint')}</p>
        </div>
        <button type="button" className="btn" disabled={ended} onClick={() => setConfirmEnd(true)}>
          {t('console.end')}
        </button>
      </div>
      <RetentionSetting ctx={ctx} run={run} />
      <div className="danger-row">
        <div>
          <p className="field-label">{t('console.delete')}</p>
          <p className="field-hint">{t('console.deleteHint')}</p>
        </div>
        <button
          type="button"
          className="btn btn-danger"
          onClick={() => {
            setTyped('');
            setMismatch(false);
            setConfirmDelete(true);
          }}
        >
          {t('console.delete')}
        </button>
      </div>

      <ConfirmDialog
        open={confirmEnd}
        onClose={() => setConfirmEnd(false)}
        title={t('console.end')}
        text={t('console.endConfirm', { title })}
        confirmLabel={t('console.endYes')}
        onConfirm={() => run(() => api.end(workshopId, token), note('console.ended'))}
        fallbackFocus={() => document.getElementById(headingId)}
      />

      <Modal open={confirmDelete} onClose={() => setConfirmDelete(false)} labelledBy={deleteId}>
        <h2 id={deleteId}>{t('console.delete')}</h2>
        <p>{t('console.deleteConfirm', { title })}</p>
        <form onSubmit={remove} noValidate>
          <label htmlFor={`${deleteId}-input`} className="field-label">
            {t('console.deleteType')}
          </label>
          <p className="field-hint">
            <strong>{title}</strong>
          </p>
          <input
            id={`${deleteId}-input`}
            className="input"
            value={typed}
            autoComplete="off"
            aria-invalid={mismatch ? true : undefined}
            aria-describedby={mismatch ? `${deleteId}-error` : undefined}
            onChange={(e) => {
              setTyped(e.target.value);
              setMismatch(false);
            }}
          />
          {mismatch && (
            <p id={`${deleteId}-error`} className="error" role="alert">
              {t('console.deleteMismatch')}
            </p>
          )}
          <div className="modal-actions">
            <button type="button" className="btn" onClick={() => setConfirmDelete(false)}>
              {t('console.cancel')}
            </button>
            <button
              type="submit"
              className="btn btn-danger"
              disabled={busy || typed.trim() !== title.trim()}
            >
              {t('console.deleteYes')}
            </button>
          </div>
        </form>
      </Modal>
    </section>
  );
}
