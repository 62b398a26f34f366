import {
  type Dot,
  type MessageKey,
  mayReadResults,
  type RankedResult,
  rankResults,
  type VoteBallot,
  voteRefusal,
} from '@torg/shared';
import { useCallback, useEffect, useState } from 'react';
import type { Editor as EditorApi } from '../../board/editor/Editor.js';
import { useT } from '../../i18n/LocaleProvider.js';
import { navigate } from '../../router.js';
import { ApiError, errorKey } from '../api.js';
import type { BoardFeatureContext, BoardFeatureUi } from '../context.js';
import { BallotPanel } from './BallotPanel.js';
import { boardLabel } from './board-label.js';
import { FocusNote, type NoteTarget, setPendingNote, takePendingNote } from './FocusNote.js';
import { ResultsPanel } from './ResultsPanel.js';
import { VoteBadges } from './VoteBadges.js';
import { VoteBanner } from './VoteBanner.js';
import { VoteTools } from './VoteTools.js';
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

/** How often an open ranking asks again while the vote goes on (other boards' dots). */
const RANK_POLL_MS = 10_000;

/** The votes whose ranking has been opened for this person in this page (see below). */
const rankOffered = new Set<string>();

/** On a phone the panels are bottom sheets over the board: picking a note closes them. */
const narrow = () => window.matchMedia?.('(max-width: 720px)').matches ?? false;

/**
 * Dot voting on a workshop board: badges with the dots on the canvas (one's own always;
 * everyone's once the results are shown, which is when the server publishes them into
 * `publicDots`); for participants while the vote is open on this board a start banner, the
 * dots left, "Sett prikk" (Alt+P) and the list of every board's notes to vote from; and for
 * everyone who may see them, the ranked results.
 */
export function useVoteUi(ctx: BoardFeatureContext, publicDots: readonly Dot[]): VoteUi {
  const t = useT();
  const { workshopId, token, boardId, state, viewer } = ctx;
  const vote = state.vote?.boardIds.includes(boardId) ? state.vote : null;
  const [own, setOwn] = useState<MyDots | null>(null);
  const [error, setError] = useState<MessageKey | null>(null);
  const [listOpen, setListOpen] = useState(false);
  const [ballot, setBallot] = useState<VoteBallot | null>(null);
  const [rankOpen, setRankOpen] = useState(false);
  const [ranked, setRanked] = useState<RankedResult[] | null>(null);
  const [target, setTarget] = useState<NoteTarget | null>(null);
  const [busy, setBusy] = useState(false);

  const me = viewer.participantId;
  const voting = !!vote && viewer.role === 'participant';
  const canVote = voting && voteRefusal(state, boardId, viewer) === null;
  const current = vote && own?.voteId === vote.id ? own : null;
  const allMine = current?.dots ?? [];
  const mine = allMine.filter((d) => d.boardId === boardId);
  const shown = vote ? publicDots.filter((d) => d.voteId === vote.id) : [];
  const visible = [...mine, ...shown.filter((d) => !mine.some((m) => m.id === d.id))];
  const left = current?.left ?? vote?.dots ?? 0;
  const resultsShown = !!vote && mayReadResults(vote, 'participant');
  const mayRank = !!vote && mayReadResults(vote, viewer.role);
  // The list and the ranking share the side: while the vote list is open, the ranking waits.
  const rankShown = mayRank && rankOpen && !(canVote && listOpen);
  const boardName = (id: string) => boardLabel(state, id, t('workshop.plenary'));

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

  // Opened from a pick in the results on another board: show that note here.
  useEffect(() => {
    const pending = takePendingNote(boardId);
    if (pending) setTarget(pending);
  }, [boardId]);

  // The vote list: every board's notes, fetched each time it opens (the boards change).
  useEffect(() => {
    if (!listOpen || !canVote) return;
    let alive = true;
    setBallot(null);
    votesApi.ballot(workshopId, token).then(
      (b) => alive && setBallot(b),
      (err: unknown) => alive && setError(voteErrorKey(err)),
    );
    return () => {
      alive = false;
    };
  }, [listOpen, canVote, workshopId, token]);

  // Participants see the ranking as soon as the facilitator shows the results: once a vote,
  // not again on each board they open afterwards.
  useEffect(() => {
    if (!resultsShown || !voteId || viewer.role !== 'participant' || rankOffered.has(voteId))
      return;
    rankOffered.add(voteId);
    setRankOpen(true);
  }, [resultsShown, voteId, viewer.role]);
  useEffect(() => {
    if (!mayRank) setRankOpen(false);
  }, [mayRank]);

  // The ranking, fetched when it opens and whenever the dots on this board change; while
  // the vote is still open also now and then, for the dots placed on the other boards.
  const shownKey = shown.map((d) => d.id).join(',');
  useEffect(() => {
    if (!rankOpen || !mayRank) return;
    let alive = true;
    void shownKey;
    const load = () =>
      votesApi.results(workshopId, token).then(
        (r) => alive && r.voteId === voteId && setRanked(rankResults(r)),
        (err: unknown) => alive && setError(voteErrorKey(err)),
      );
    void load();
    const timer = voteState === 'open' ? setInterval(load, RANK_POLL_MS) : undefined;
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [rankOpen, mayRank, workshopId, token, voteId, voteState, shownKey]);

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
  const addOn = (bid: string, shapeId: string) => {
    if (!busy) act(votesApi.placeDot(workshopId, token, bid, shapeId));
  };
  const removeFrom = (bid: string, dot: Dot) => {
    if (!busy) act(votesApi.removeDot(workshopId, token, bid, dot.id));
  };

  // A result on this board is selected and shown here; one on another board opens it there.
  const pick = (item: RankedResult) => {
    if (narrow()) setRankOpen(false);
    const note = { boardId: item.boardId, shapeId: item.shapeId, key: Date.now() };
    if (item.boardId === boardId) setTarget(note);
    else {
      setPendingNote(note);
      navigate(`/w/${workshopId}/b/${item.boardId}`, { state: { stay: true } });
    }
  };

  // The same vote controls in a laptop's header and a phone's bottom bar.
  const tools = (api: EditorApi) => (
    <>
      {canVote && vote && (
        <VoteTools
          api={api}
          left={left}
          dots={vote.dots}
          busy={busy}
          listOpen={listOpen}
          onPlace={() => place(api)}
          onToggleList={() => setListOpen((o) => !o)}
        />
      )}
      {mayRank && (
        <button
          type="button"
          className="btn btn-quiet"
          aria-expanded={rankShown}
          aria-controls={rankShown ? 'vote-results-panel' : undefined}
          data-testid="vote-rank-toggle"
          onClick={() => setRankOpen((o) => !o)}
        >
          {t('vote.results')}
        </button>
      )}
    </>
  );

  return {
    toolbar: (api) => tools(api),
    phoneBar: (api) => tools(api),
    phoneMenu: () => null,
    // The badges are page text over the canvas (see VoteBadges), not canvas drawing.
    canvasLayer: () => null,
    canvasTop: () => (
      <>
        <VoteBanner
          vote={voting ? vote : null}
          left={left}
          panelOpen={listOpen || rankOpen}
          onOpenList={() => setListOpen(true)}
        />
        {error && (
          <div className="comment-placing vote-error" role="alert">
            <span>{t(error)}</span>{' '}
            <button type="button" className="chip" onClick={() => setError(null)}>
              {t('notice.dismiss')}
            </button>
          </div>
        )}
      </>
    ),
    boardExtra: (api) => (
      <>
        {vote && visible.length > 0 && (
          <VoteBadges api={api} dots={visible} participantId={me} showTotals={resultsShown} />
        )}
        {target && target.boardId === boardId && (
          <FocusNote api={api} target={target} onDone={() => setTarget(null)} />
        )}
        {canVote && listOpen && vote && (
          <BallotPanel
            ballot={ballot?.voteId === vote.id ? ballot : null}
            mine={allMine}
            left={left}
            dots={vote.dots}
            busy={busy}
            currentBoardId={boardId}
            boardName={boardName}
            onAdd={addOn}
            onRemove={removeFrom}
            onClose={() => setListOpen(false)}
          />
        )}
        {rankShown && (
          <ResultsPanel
            ranked={ranked}
            boardName={boardName}
            currentBoardId={boardId}
            onPick={pick}
            onClose={() => setRankOpen(false)}
          />
        )}
      </>
    ),
  };
}
