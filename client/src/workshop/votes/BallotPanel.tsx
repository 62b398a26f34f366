import type { Dot, VoteBallot } from '@torg/shared';
import { useId } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { VoteSheet } from './VoteSheet.js';

/**
 * Voting from one list: the notes of every board of the vote (this board first), each with
 * one's own dots on it and "−" / "+" to take one back or place one, and the dots left. The
 * same ballots as "Sett prikk" on the canvas: the server applies the vote's rules. A side
 * panel on a laptop, a bottom sheet on a phone; Escape or "Lukk" closes it.
 */
export function BallotPanel({
  ballot,
  mine,
  left,
  dots,
  busy,
  currentBoardId,
  boardName,
  onAdd,
  onRemove,
  onClose,
}: {
  /** Null while loading. */
  ballot: VoteBallot | null;
  /** One's own dots in this vote, on every board. */
  mine: readonly Dot[];
  left: number;
  dots: number;
  busy: boolean;
  currentBoardId: string;
  boardName(boardId: string): string;
  onAdd(boardId: string, shapeId: string): void;
  onRemove(boardId: string, dot: Dot): void;
  onClose(): void;
}) {
  const t = useT();
  const boards = ballot
    ? [...ballot.boards].sort(
        (a, b) => Number(b.boardId === currentBoardId) - Number(a.boardId === currentBoardId),
      )
    : [];
  return (
    <VoteSheet id="vote-ballot-panel" title={t('vote.listTitle')} onClose={onClose}>
      <p className="vote-sheet-left" data-testid="vote-list-left">
        <strong>{t('vote.left', { left, dots })}</strong>
      </p>
      <p className="muted vote-sheet-hint">{t('vote.listHint')}</p>
      {ballot === null ? (
        <p className="muted">{t('vote.listLoading')}</p>
      ) : boards.every((b) => b.notes.length === 0) ? (
        <p className="muted">{t('vote.listEmpty')}</p>
      ) : (
        boards.map((b) => (
          <BoardNotes
            key={b.boardId}
            title={
              b.boardId === currentBoardId
                ? t('vote.thisBoard', { name: boardName(b.boardId) })
                : boardName(b.boardId)
            }
            boardId={b.boardId}
            notes={b.notes}
            mine={mine}
            canAdd={left > 0 && !busy}
            busy={busy}
            onAdd={onAdd}
            onRemove={onRemove}
          />
        ))
      )}
    </VoteSheet>
  );
}

function BoardNotes({
  title,
  boardId,
  notes,
  mine,
  canAdd,
  busy,
  onAdd,
  onRemove,
}: {
  title: string;
  boardId: string;
  notes: VoteBallot['boards'][number]['notes'];
  mine: readonly Dot[];
  canAdd: boolean;
  busy: boolean;
  onAdd(boardId: string, shapeId: string): void;
  onRemove(boardId: string, dot: Dot): void;
}) {
  const t = useT();
  const headingId = useId();
  if (notes.length === 0) return null;
  return (
    <section className="vote-ballot-board" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <ul className="vote-ballot">
        {notes.map((n) => {
          const name = n.text || t('vote.untitled');
          const own = mine.filter((d) => d.boardId === boardId && d.shapeId === n.shapeId);
          const last = own[own.length - 1];
          return (
            <li key={n.shapeId} className="vote-ballot-item" data-testid="vote-ballot-item">
              <span className="vote-ballot-text">{name}</span>
              <span className="vote-stepper">
                <button
                  type="button"
                  className="btn btn-quiet vote-step"
                  disabled={busy || !last}
                  aria-label={t('vote.removeLabel', { name })}
                  onClick={() => last && onRemove(boardId, last)}
                >
                  −
                </button>
                <span
                  className={own.length > 0 ? 'vote-step-count has-dots' : 'vote-step-count'}
                  role="img"
                  aria-label={t('vote.yourOn', { name, count: own.length })}
                >
                  {own.length}
                </span>
                <button
                  type="button"
                  className="btn btn-quiet vote-step"
                  disabled={!canAdd}
                  aria-label={t('vote.addLabel', { name })}
                  onClick={() => onAdd(boardId, n.shapeId)}
                >
                  +
                </button>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
