import { useEffect } from 'react';
import type { Editor as EditorApi } from '../../board/editor/Editor.js';
import { useT } from '../../i18n/LocaleProvider.js';

/**
 * A participant's vote controls in the board's toolbar: the dots left (announced as they
 * change), "Sett prikk" on the selected object (also Alt+P) and the way to the vote list.
 */
export function VoteTools({
  api,
  left,
  dots,
  busy,
  listOpen,
  onPlace,
  onToggleList,
}: {
  api: EditorApi;
  left: number;
  dots: number;
  busy: boolean;
  listOpen: boolean;
  onPlace(): void;
  onToggleList(): void;
}) {
  const t = useT();
  const sel = api.state.selection;
  const canPlace = sel.length === 1 && !!api.store.get(sel[0] ?? '') && left > 0 && !busy;

  // Alt+P places a dot on the selected object (not while typing).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.code !== 'KeyP') return;
      const el = e.target as HTMLElement | null;
      if (el?.closest('input, textarea, select, [contenteditable="true"]')) return;
      e.preventDefault();
      if (canPlace) onPlace();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canPlace, onPlace]);

  return (
    <span className="vote-tools">
      <span className="vote-left" aria-live="polite" data-testid="vote-left">
        {t('vote.left', { left, dots })}
      </span>
      <button
        type="button"
        className="btn"
        title={t('vote.placeHint')}
        aria-keyshortcuts="Alt+P"
        disabled={!canPlace}
        data-testid="vote-place"
        onClick={onPlace}
      >
        {t('vote.place')}
      </button>
      <button
        type="button"
        className="btn btn-quiet"
        aria-expanded={listOpen}
        aria-controls={listOpen ? 'vote-ballot-panel' : undefined}
        data-testid="vote-list-toggle"
        onClick={onToggleList}
      >
        {t('vote.listToggle')}
      </button>
    </span>
  );
}
