import { useId, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { Modal } from '../../ui/Modal.js';
import { note } from '../../ui/toast-note.js';
import { api } from '../api.js';
import type { PanelProps } from './types.js';

/**
 * Who may still join: the state of joining (live, from the workshop document) with a button to
 * close or reopen it, and "make new codes" with a confirm step that may also sign out
 * everyone who has joined (their links stop working; facilitators stay).
 */
export function JoiningControls({
  ctx,
  run,
  joinOpen: fetched,
  onCodes,
}: PanelProps & {
  /** The state as the codes request answered it, until the document says otherwise. */
  joinOpen: boolean;
  onCodes: (codes: { joinCode: string; observerCode: string }) => void;
}) {
  const t = useT();
  const confirmId = useId();
  const stateId = useId();
  const { workshopId, token } = ctx;
  const open = ctx.state.meta?.joinOpen ?? fetched;
  const [confirming, setConfirming] = useState(false);
  const [signOut, setSignOut] = useState(false);
  const [busy, setBusy] = useState(false);

  const toggle = async () => {
    setBusy(true);
    await run(() => api.setJoining(workshopId, token, !open));
    setBusy(false);
  };

  const rotate = async () => {
    setBusy(true);
    const ok = await run(
      async () => onCodes(await api.rotateCodes(workshopId, token, { signOut })),
      note(signOut ? 'console.newCodesDoneSignOut' : 'console.newCodesDone'),
    );
    setBusy(false);
    if (ok) setConfirming(false);
  };

  return (
    <div className="joining">
      <p id={stateId} className={open ? 'joining-state' : 'joining-state closed'}>
        {t(open ? 'console.joiningOpen' : 'console.joiningClosed')}
      </p>
      <div className="joining-actions">
        <button
          type="button"
          className="btn"
          disabled={busy}
          aria-describedby={stateId}
          onClick={() => void toggle()}
        >
          {t(open ? 'console.closeJoining' : 'console.openJoining')}
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy}
          onClick={() => {
            setSignOut(false);
            setConfirming(true);
          }}
        >
          {t('console.newCodes')}
        </button>
      </div>
      <Modal open={confirming} onClose={() => setConfirming(false)} labelledBy={confirmId}>
        <h2 id={confirmId}>{t('console.newCodes')}</h2>
        <p>{t('console.newCodesHint')}</p>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={signOut}
            aria-describedby={`${confirmId}-hint`}
            onChange={(e) => setSignOut(e.target.checked)}
          />{' '}
          {t('console.signOutJoined')}
        </label>
        <p id={`${confirmId}-hint`} className="field-hint">
          {t('console.signOutJoinedHint')}
        </p>
        <div className="modal-actions">
          <button type="button" className="btn" onClick={() => setConfirming(false)}>
            {t('console.cancel')}
          </button>
          <button
            type="button"
            className={signOut ? 'btn btn-danger' : 'btn btn-primary'}
            disabled={busy}
            onClick={() => void rotate()}
          >
            {t(signOut ? 'console.confirmNewCodesSignOut' : 'console.confirmNewCodes')}
          </button>
        </div>
      </Modal>
    </div>
  );
}
