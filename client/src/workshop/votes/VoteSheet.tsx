import { type ReactNode, useId } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { useClosablePanel } from '../../ui/useReturnFocus.js';

/**
 * The frame of the vote's panels (the vote list, the ranking): a side panel beside the canvas
 * on a laptop, a bottom sheet over it on a phone; a titled landmark that Escape or "Lukk"
 * closes, giving the focus back to what opened it.
 */
export function VoteSheet({
  id,
  title,
  onClose,
  children,
}: {
  id: string;
  title: string;
  onClose(): void;
  children: ReactNode;
}) {
  const t = useT();
  const headingId = useId();
  const panel = useClosablePanel(onClose);
  return (
    <aside
      {...panel}
      id={id}
      className="outline vote-sheet"
      aria-labelledby={headingId}
      data-testid={id}
    >
      <div className="outline-head">
        <h2 id={headingId}>{title}</h2>
        <button type="button" className="btn btn-quiet" onClick={onClose}>
          {t('vote.closePanel')}
        </button>
      </div>
      {children}
    </aside>
  );
}
