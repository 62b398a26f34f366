import type { MessageKey } from '@torg/shared';
import { useId, useState } from 'react';
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
  const base = workshopId
    ? `/api/workshops/${encodeURIComponent(workshopId)}/boards/${encodeURIComponent(boardId)}`
    : `/api/boards/${encodeURIComponent(boardId)}`;
  return (
    <details
      className="export-menu"
      onKeyDown={(e) => {
        // Escape closes the open menu and leaves focus on its button.
        if (e.key !== 'Escape' || !e.currentTarget.open) return;
        e.stopPropagation();
        e.currentTarget.open = false;
        e.currentTarget.querySelector('summary')?.focus();
      }}
    >
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
