import type { MessageKey } from '@torg/shared';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { errorKey } from '../api.js';
import { saveDownload } from './exports-api.js';

const CHOICES: { key: MessageKey; path: string }[] = [
  { key: 'exports.boardPdfA4', path: 'pdf?paper=a4' },
  { key: 'exports.boardPdfA3', path: 'pdf?paper=a3' },
  { key: 'exports.boardPng', path: 'png?scale=1' },
  { key: 'exports.boardPng2', path: 'png?scale=2' },
  { key: 'exports.boardSvg', path: 'svg' },
];

/**
 * "Eksporter" for one board: PDF (A4 or A3 landscape), PNG (1× or 2×) or SVG, made by the
 * server and downloaded. A workshop board needs the viewer's token; an open board none.
 * The menu closes once a download has started, on Escape (focus back on its button) and on
 * a click or tap anywhere outside it (the canvas included).
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
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const menu = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  const close = useCallback((refocus: boolean) => {
    const details = menu.current;
    if (!details?.open) return;
    details.open = false;
    if (refocus) details.querySelector('summary')?.focus();
  }, []);
  useEffect(() => {
    if (!open) return;
    // Capture phase: the canvas handles its own pointer events and may stop them.
    const onPointerDown = (e: PointerEvent) => {
      if (e.target instanceof Node && menu.current?.contains(e.target)) return;
      close(false);
    };
    // Escape also when the focus is no longer in the menu (e.g. on the page after a click).
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      close(true);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('keydown', onKeyDown, true);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('keydown', onKeyDown, true);
    };
  }, [open, close]);
  const base = workshopId
    ? `/api/workshops/${encodeURIComponent(workshopId)}/boards/${encodeURIComponent(boardId)}`
    : `/api/boards/${encodeURIComponent(boardId)}`;
  return (
    <details ref={menu} className="export-menu" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary
        className="btn btn-quiet"
        aria-label={t('exports.boardMenuLabel', { name: boardName })}
      >
        {t('exports.boardMenu')}
      </summary>
      <ul className="export-menu-list" aria-describedby={error ? `${id}-error` : undefined}>
        {CHOICES.map((c) => (
          <li key={c.path}>
            <button
              type="button"
              className="chip"
              // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
              aria-disabled={busy}
              onClick={() => {
                if (busy) return;
                setBusy(true);
                setError('');
                saveDownload(`${base}/export/${c.path}`, token, boardName)
                  // Done: the menu closes, the focus goes back to its button.
                  .then(() => close(true))
                  .catch((err: unknown) => setError(t(errorKey(err))))
                  .finally(() => setBusy(false));
              }}
            >
              {t(c.key)}
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p id={`${id}-error`} className="error" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}
