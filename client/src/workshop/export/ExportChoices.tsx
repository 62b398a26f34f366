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
 * The choices of a board's "Eksporter" menu and the download, in a chunk of their own that
 * loads when the menu first opens (most participants never export). `base` is the board's
 * API path; `onDone` closes the menu once a download has started.
 */
export function ExportChoices({
  base,
  token,
  boardName,
  onDone,
}: {
  base: string;
  token: string | null;
  boardName: string;
  onDone(): void;
}) {
  const t = useT();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  return (
    <>
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
                  .then(onDone)
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
    </>
  );
}
