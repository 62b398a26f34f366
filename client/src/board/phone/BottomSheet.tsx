import { type ReactNode, useEffect, useId } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { useClosablePanel } from '../../ui/useReturnFocus.js';

/**
 * A panel that rises from the bottom of a phone's screen over the board, leaving the board
 * visible above it (at most 60 % of the height): a dialog with a handle, a title and a close
 * button; focus moves into it and back to what opened it, Escape closes it.
 */
export function BottomSheet({
  title,
  onClose,
  children,
  className,
}: {
  title: string;
  onClose(): void;
  children: ReactNode;
  className?: string;
}) {
  const t = useT();
  const headingId = useId();
  const panel = useClosablePanel(onClose);
  useEffect(() => {
    const first = panel.ref.current?.querySelector<HTMLElement>(
      'input, textarea, select, button:not(.bottom-sheet-close), [href]',
    );
    (first ?? panel.ref.current)?.focus();
  }, [panel.ref]);
  return (
    <section
      ref={panel.ref}
      role="dialog"
      aria-labelledby={headingId}
      tabIndex={-1}
      className={`bottom-sheet${className ? ` ${className}` : ''}`}
      onKeyDown={panel.onKeyDown}
    >
      <div className="bottom-sheet-handle" aria-hidden="true" />
      <header className="bottom-sheet-head">
        <h2 id={headingId}>{title}</h2>
        <button type="button" className="btn btn-quiet bottom-sheet-close" onClick={onClose}>
          {t('sheet.close')}
        </button>
      </header>
      <div className="bottom-sheet-body">{children}</div>
    </section>
  );
}
