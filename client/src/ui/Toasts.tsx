import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocale } from '../i18n/LocaleProvider.js';
import { ERROR_TOAST_MS, TOAST_MS, type ToastNote } from './toast-note.js';

interface Shown extends ToastNote {
  error: boolean;
  /** A new number per toast: the same text twice is shown (and announced) anew. */
  n: number;
}

/** The toast shown now (at most one) and ways to show and dismiss one. */
export function useToasts() {
  const [shown, setShown] = useState<Shown | null>(null);
  const show = useCallback((toast: ToastNote, error = false) => {
    setShown((s) => ({ ...toast, error, n: (s?.n ?? 0) + 1 }));
  }, []);
  const dismiss = useCallback(() => setShown(null), []);
  return { shown, show, dismiss };
}

/**
 * Toasts at the bottom of the page, in two live regions that are always there (a region
 * added together with its text is not announced): `status` for confirmations, `alert` for
 * errors. A toast goes away by itself after a while, but not while the pointer is on it or
 * it has focus (WCAG 2.2.1), and has a close button.
 */
export function ToastArea({ toast, onDismiss }: { toast: Shown | null; onDismiss: () => void }) {
  return (
    <div className="toast-area">
      <div className="toast-region" role="status">
        {toast && !toast.error && <Toast key={toast.n} toast={toast} onDismiss={onDismiss} />}
      </div>
      <div className="toast-region" role="alert">
        {toast?.error && <Toast key={toast.n} toast={toast} onDismiss={onDismiss} />}
      </div>
    </div>
  );
}

function Toast({ toast, onDismiss }: { toast: Shown; onDismiss: () => void }) {
  const { t } = useLocale();
  const [held, setHeld] = useState({ hover: false, focus: false });
  const dismiss = useRef(onDismiss);
  dismiss.current = onDismiss;
  const paused = held.hover || held.focus;
  useEffect(() => {
    if (paused) return;
    // A full period again after a pause: the reader was interrupted.
    const id = setTimeout(() => dismiss.current(), toast.error ? ERROR_TOAST_MS : TOAST_MS);
    return () => clearTimeout(id);
  }, [paused, toast.error]);
  return (
    // Hover and focus only pause the timer; the close button is the control.
    // biome-ignore lint/a11y/noStaticElementInteractions: pausing is no interaction of its own
    <div
      className={`toast${toast.error ? ' toast-error' : ''}`}
      onMouseEnter={() => setHeld((h) => ({ ...h, hover: true }))}
      onMouseLeave={() => setHeld((h) => ({ ...h, hover: false }))}
      onFocus={() => setHeld((h) => ({ ...h, focus: true }))}
      onBlur={() => setHeld((h) => ({ ...h, focus: false }))}
    >
      <span className="toast-text">{t(toast.key, toast.params)}</span>
      <button
        type="button"
        className="toast-close"
        aria-label={t('toast.dismiss')}
        onClick={() => dismiss.current()}
      >
        ×
      </button>
    </div>
  );
}
