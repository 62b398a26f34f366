import type { RankedResult } from '@torg/shared';
import { useT } from '../../i18n/LocaleProvider.js';
import { VoteSheet } from './VoteSheet.js';

/**
 * The vote's results for everyone who may see them: every note with dots on every board of
 * the vote, most dots first, each a button that shows the note on its board (this board: it
 * is selected and brought into view; another board: that board opens with it selected). A
 * side panel on a laptop, a bottom sheet on a phone; Escape or "Lukk" closes it.
 */
export function ResultsPanel({
  ranked,
  boardName,
  currentBoardId,
  onPick,
  onClose,
}: {
  /** Null while loading. */
  ranked: readonly RankedResult[] | null;
  boardName(boardId: string): string;
  currentBoardId: string;
  onPick(item: RankedResult): void;
  onClose(): void;
}) {
  const t = useT();
  return (
    <VoteSheet id="vote-results-panel" title={t('vote.results')} onClose={onClose}>
      {ranked === null ? (
        <p className="muted">{t('vote.rankLoading')}</p>
      ) : ranked.length === 0 ? (
        <p className="muted">{t('vote.noDots')}</p>
      ) : (
        <>
          <p className="muted vote-sheet-hint">{t('vote.rankHint')}</p>
          <ol className="vote-rank">
            {ranked.map((r) => (
              <li key={`${r.boardId}/${r.shapeId}`}>
                <button
                  type="button"
                  className="vote-rank-item"
                  data-testid="vote-rank-item"
                  onClick={() => onPick(r)}
                >
                  <span className="vote-rank-place">{r.rank}.</span>
                  <span className="vote-rank-text">
                    <span className="vote-rank-note">{r.text.trim() || t('vote.untitled')}</span>
                    <span className="vote-rank-board">
                      {r.boardId === currentBoardId
                        ? t('vote.thisBoard', { name: boardName(r.boardId) })
                        : boardName(r.boardId)}
                    </span>
                  </span>
                  <span className="vote-rank-count">{t('vote.rankDots', { count: r.dots })}</span>
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
    </VoteSheet>
  );
}
