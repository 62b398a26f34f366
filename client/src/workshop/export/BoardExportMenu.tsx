import { useCallback, useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { LazyPart, lazyComponent } from '../../ui/LazyPart.js';

const ExportChoices = lazyComponent(() =>
  import('./ExportChoices.js').then((m) => m.ExportChoices),
);

/**
 * "Eksporter" for one board: PDF (A4 or A3 landscape), PNG (1× or 2×) or SVG, made by the
 * server and downloaded. A workshop board needs the viewer's token; an open board none.
 * The menu closes once a download has started, on Escape (focus back on its button) and on
 * a click or tap anywhere outside it (the canvas included). Its choices are their own chunk,
 * fetched the first time the menu opens.
 */
export function BoardExportMenu({
  boardId,
  boardName,
  workshopId,
  token,
}: {
  boardId: string;
  boardName: string;
  workshopId: string | null;
  token: string | null;
}) {
  const t = useT();
  const menu = useRef<HTMLDetailsElement>(null);
  // Once opened, the choices stay mounted: an error they show outlives closing the menu.
  const [opened, setOpened] = useState(false);
  const close = useCallback((refocus: boolean) => {
    const details = menu.current;
    if (!details?.open) return;
    details.open = false;
    if (refocus) details.querySelector('summary')?.focus();
  }, []);
  // Listening all along and asking the element whether it is open: a key pressed right after
  // the menu opened (before React has seen its toggle event) still closes it.
  useEffect(() => {
    // Capture phase: the canvas handles its own pointer events and may stop them.
    const onPointerDown = (e: PointerEvent) => {
      if (!menu.current?.open) return;
      if (e.target instanceof Node && menu.current.contains(e.target)) return;
      close(false);
    };
    // Escape also when the focus is no longer in the menu (e.g. on the page after a click).
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || !menu.current?.open) return;
      e.stopPropagation();
      close(true);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('keydown', onKeyDown, true);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('keydown', onKeyDown, true);
    };
  }, [close]);
  const base = workshopId
    ? `/api/workshops/${encodeURIComponent(workshopId)}/boards/${encodeURIComponent(boardId)}`
    : `/api/boards/${encodeURIComponent(boardId)}`;
  return (
    <details
      ref={menu}
      className="export-menu"
      onToggle={(e) => {
        if (e.currentTarget.open) setOpened(true);
      }}
    >
      <summary
        className="btn btn-quiet"
        aria-label={t('exports.boardMenuLabel', { name: boardName })}
      >
        {t('exports.boardMenu')}
      </summary>
      {opened && (
        <LazyPart page={false}>
          <ExportChoices
            base={base}
            token={token}
            boardName={boardName}
            onDone={() => close(true)}
          />
        </LazyPart>
      )}
    </details>
  );
}
