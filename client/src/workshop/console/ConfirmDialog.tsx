import { useId, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { Modal } from '../../ui/Modal.js';

/**
 * "Are you sure?" for a step that cannot be taken back (ending the market, closing the vote,
 * ending the workshop): says what will happen; Cancel, Escape or closing changes nothing.
 * The dialog stays open when the action fails (the console shows why).
 */
export function ConfirmDialog({
  open,
  title,
  text,
  confirmLabel,
  onConfirm,
  onClose,
  fallbackFocus,
}: {
  open: boolean;
  title: string;
  text: string;
  confirmLabel: string;
  /** Resolves to whether it worked (then the dialog closes). */
  onConfirm(): Promise<boolean>;
  onClose(): void;
  fallbackFocus?: () => HTMLElement | null;
}) {
  const t = useT();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    const ok = await onConfirm();
    setBusy(false);
    if (ok) onClose();
  };
  return (
    <Modal
      open={open}
      onClose={onClose}
      labelledBy={id}
      className="confirm-dialog"
      {...(fallbackFocus ? { fallbackFocus } : {})}
    >
      <h2 id={id}>{title}</h2>
      <p>{text}</p>
      <div className="modal-actions">
        <button type="button" className="btn" onClick={onClose}>
          {t('console.cancel')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy}
          onClick={() => void confirm()}
        >
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
