import { type Dot, type MessageKey, participantColor, shapeText, voteRefusal } from '@torg/shared';
import { useCallback, useEffect, useId, useState } from 'react';
import type { Editor as EditorApi } from '../../board/editor/Editor.js';
import { useT } from '../../i18n/LocaleProvider.js';
import { useClosablePanel } from '../../ui/useReturnFocus.js';
import { ApiError, errorKey } from '../api.js';
import type { BoardFeatureContext, BoardFeatureUi } from '../context.js';
import { VoteDots } from './VoteDots.js';
import { type MyDots, votesApi } from './votes-api.js';

/** What dot voting adds to a workshop board page (props for BoardPage). */
export type VoteUi = BoardFeatureUi;

function voteErrorKey(err: unknown): MessageKey {
  if (err instanceof ApiError) {
    if (err.code === 'budget_spent') return 'vote.budgetSpent';
    if (err.code === 'no_vote') return 'vote.noVote';
  }
  return errorKey(err);
}

/**
 * Dot voting on a workshop board: the dots on the canvas (one's own always, in one's presence
 * colour; everyone's once the results are shown, which is when the server publishes them into
 * `publicDots`), and for participants while the vote is open on this board the dots left,
 * "Sett prikk" (Alt+P) and the list of their own dots to remove.
 */
export function useVoteUi(ctx: BoardFeatureContext, publicDots: readonly Dot[]): VoteUi {
  const t = useT();
  const { workshopId, token, boardId, state, viewer } = ctx;
  const vote = state.vote?.boardIds.includes(boardId) ? state.vote : null;
  const [own, setOwn] = useState<MyDots | null>(null);
  const [error, setError] = useState<MessageKey | null>(null);
  const [listOpen, setListOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  const me = viewer.participantId;
  const voting = !!vote && viewer.role === 'participant';
  const canVote = voting && voteRefusal(state, boardId, viewer) === null;
  const current = vote && own?.voteId === vote.id ? own : null;
  const mine = current ? current.dots.filter((d) => d.boardId === boardId) : [];
  const shown = vote ? publicDots.filter((d) => d.voteId === vote.id) : [];
  const visible = [...mine, ...shown.filter((d) => !mine.some((m) => m.id === d.id))];
  const left = current?.left ?? vote?.dots ?? 0;

  // One's own dots come from the server (others' are not sent while the results are hidden).
  const voteId = vote?.id;
  const voteState = vote?.state;
  const loadOwn = useCallback(() => {
    if (!voting || !voteId) return;
    votesApi.mine(workshopId, token).then(setOwn, (err: unknown) => setError(voteErrorKey(err)));
  }, [voting, voteId, workshopId, token]);
  useEffect(() => {
    if (voteState) loadOwn();
  }, [loadOwn, voteState]);

  useEffect(() => {
    if (!canVote) setListOpen(false);
  }, [canVote]);

  const act = (p: Promise<{ left: number }>) => {
    if (!vote) return;
    setBusy(true);
    setError(null);
    p.then(
      () => undefined,
      (err: unknown) => setError(voteErrorKey(err)),
    ).finally(() => {
      setBusy(false);
      loadOwn();
    });
  };
  const place = (api: EditorApi) => {
    const sel = api.state.selection;
    const shapeId = sel.length === 1 ? sel[0] : undefined;
    if (!shapeId || !api.store.get(shapeId) || busy) return;
    act(votesApi.placeDot(workshopId, token, boardId, shapeId));
  };
  const remove = (dotId: string) => act(votesApi.removeDot(workshopId, token, boardId, dotId));

  return {
    toolbar: (api) =>
      canVote && vote ? (
        <VoteTools
          api={api}
          left={left}
          dots={vote.dots}
          mine={mine.length}
          busy={busy}
          listOpen={listOpen}
          onPlace={() => place(api)}
          onToggleList={() => setListOpen((o) => !o)}
        />
      ) : null,
    canvasLayer: (api) =>
      vote && visible.length > 0 ? (
        <VoteDots api={api} dots={visible} participantId={me} color={participantColor(me)} />
      ) : null,
    boardExtra: (api) => (
      <>
        {error && (
          <div className="comment-placing vote-error" role="alert">
            <span>{t(error)}</span>{' '}
            <button type="button" className="chip" onClick={() => setError(null)}>
              {t('notice.dismiss')}
            </button>
          </div>
        )}
        {canVote && listOpen && (
          <MyDotsPanel
            api={api}
            dots={mine}
            busy={busy}
            onRemove={remove}
            onClose={() => setListOpen(false)}
          />
        )}
      </>
    ),
  };
}

function VoteTools({
  api,
  left,
  dots,
  mine,
  busy,
  listOpen,
  onPlace,
  onToggleList,
}: {
  api: EditorApi;
  left: number;
  dots: number;
  mine: number;
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
        aria-controls={listOpen ? 'vote-dots-panel' : undefined}
        onClick={onToggleList}
      >
        {t('vote.mine', { count: mine })}
      </button>
    </span>
  );
}

function MyDotsPanel({
  api,
  dots,
  busy,
  onRemove,
  onClose,
}: {
  api: EditorApi;
  dots: readonly Dot[];
  busy: boolean;
  onRemove(dotId: string): void;
  onClose(): void;
}) {
  const t = useT();
  const headingId = useId();
  const panel = useClosablePanel(onClose);
  const name = (shapeId: string) => {
    const s = api.store.get(shapeId);
    return (s ? shapeText(s).trim().slice(0, 60) : '') || t('vote.untitled');
  };
  return (
    <aside
      {...panel}
      id="vote-dots-panel"
      className="outline feedback-panel vote-panel"
      aria-labelledby={headingId}
    >
      <div className="outline-head">
        <h2 id={headingId}>{t('vote.mineTitle')}</h2>
        <button type="button" className="btn btn-quiet" onClick={onClose}>
          {t('vote.closePanel')}
        </button>
      </div>
      {dots.length === 0 ? (
        <p className="muted">{t('vote.mineEmpty')}</p>
      ) : (
        <ul className="feedback-list">
          {dots.map((d) => (
            <li key={d.id} className="feedback-item">
              <span>{name(d.shapeId)}</span>{' '}
              <button
                type="button"
                className="chip"
                disabled={busy}
                aria-label={t('vote.removeLabel', { name: name(d.shapeId) })}
                onClick={() => onRemove(d.id)}
              >
                {t('vote.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
