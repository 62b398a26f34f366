import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A modal dialog (the native <dialog>): focus moves into it, Escape closes it, and focus
 * returns to whatever had it before (usually the button that opened it).
 */
export function Modal({
  open,
  onClose,
  labelledBy,
  className,
  children,
  fallbackFocus,
}: {
  open: boolean;
  onClose(): void;
  labelledBy: string;
  className?: string;
  children: ReactNode;
  /** Where focus goes if the element that opened the dialog is gone or disabled by then. */
  fallbackFocus?: () => HTMLElement | null;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      returnTo.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null;
      d.showModal();
    }
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`modal${className ? ` ${className}` : ''}`}
      aria-labelledby={labelledBy}
      onClose={() => {
        onClose();
        const back = returnTo.current;
        returnTo.current = null;
        requestAnimationFrame(() => {
          const usable = back?.isConnected && !back.matches(':disabled') ? back : null;
          (usable ?? fallbackFocus?.())?.focus();
        });
      }}
    >
      {open && children}
    </dialog>
  );
}
