import { useEffect, useMemo, useState } from 'react';
import { BoardPage } from '../board/BoardPage.js';
import type { Editor as EditorApi } from '../board/editor/Editor.js';
import { Icon } from '../board/icons.js';
import { usePhoneLayout } from '../board/phone/usePhoneLayout.js';
import { noteFromLink } from '../board/SourceLink.js';
import { useT } from '../i18n/LocaleProvider.js';
import { Link } from '../router.js';
import { PageLoading } from '../ui/PageLoading.js';
import { errorKey, api as http } from './api.js';
import { useBoardAuthors } from './authors/useBoardAuthors.js';
import { boardRules, readOnlyReason } from './boards.js';
import { CanvasTop } from './CanvasTop.js';
import { useCommentsUi } from './comments/useCommentsUi.js';
import type { WorkshopContext } from './context.js';
import { BoardExportMenu } from './export/BoardExportMenu.js';
import { MarketBanner } from './market/MarketBanner.js';
import { LaterMeasureTools, LaterStakeholderCounts } from './measures/later.js';
import { PresentationBar } from './presentation/PresentationBar.js';
import { usePresentationFollow } from './presentation/usePresentationFollow.js';
import { ControlBanner } from './timer/ControlBanner.js';
import { useVoteUi } from './votes/useVoteUi.js';
import { whereToGo } from './where-to-go.js';

/**
 * `/w/<workshopId>/b/<boardId>`: the board editor with the workshop around it — read-only
 * when this person may only look (with the reason), the facilitator's message and timer,
 * "bring everyone here", and the way back to the workshop.
 */
export function WorkshopBoard({ ctx, boardId }: { ctx: WorkshopContext; boardId: string }) {
  const t = useT();
  const { state, viewer, workshopId, token } = ctx;
  const board = state.boards.find((b) => b.id === boardId);
  const [notice, setNotice] = useState<string | null>(null);
  const follow = usePresentationFollow(state.presentation, boardId);
  // A presentation followed decides the view; else "bring everyone here" or a phase move.
  // Else a link to one of its notes (from a theme's copy on a plenary board).
  const linked = useMemo(() => {
    const note = noteFromLink();
    return note
      ? { key: `note:${boardId}:${note}`, rect: null, frameId: note, select: true }
      : null;
  }, [boardId]);
  const focus = follow.focus ?? (ctx.focus?.boardId === boardId ? ctx.focus : linked);
  const comments = useCommentsUi({ workshopId, token, boardId, state, viewer }, board);
  const vote = useVoteUi({ workshopId, token, boardId, state, viewer }, comments.dots);
  const authorOf = useBoardAuthors({ workshopId, token, boardId, state });
  const rules = boardRules(state, viewer, ctx.me);
  const phone = usePhoneLayout();

  // Say so when the facilitator brought us here (for a few seconds).
  const focusKey = ctx.focus?.boardId === boardId ? ctx.focus.key : undefined;
  useEffect(() => {
    if (focusKey === undefined) return;
    setNotice(t('bring.arrived'));
    const id = setTimeout(() => setNotice(null), 6000);
    return () => clearTimeout(id);
  }, [focusKey, t]);

  if (!board) {
    const home = (
      <p>
        <Link href={`/w/${workshopId}`} state={{ stay: true }}>
          {t('workshop.homeLabel')}
        </Link>
      </p>
    );
    if (!ctx.conn.serverSynced)
      return <PageLoading status={t('workshop.connecting')}>{home}</PageLoading>;
    return (
      <main className="page">
        <h1>{t('notFound.title')}</h1>
        <p role="alert">{t('workshop.boardMissing')}</p>
        {home}
      </main>
    );
  }

  const reason = readOnlyReason(state, board, viewer);
  const group = board.groupId ? state.groups.find((g) => g.id === board.groupId) : null;
  const owner = group ? group.name : t('workshop.plenary');
  // Point a participant to where they belong now (this round's board, their group's).
  // (Not while this board is presented to everyone: being here is the point.)
  const go = follow.here ? null : whereToGo(state, board, viewer, reason);
  const facilitator = viewer.role === 'facilitator';

  const bringHere = (api: EditorApi) => {
    const r = api.visibleRect();
    const viewport =
      r.w > 0 && r.h > 0
        ? { x: Math.round(r.x), y: Math.round(r.y), w: Math.round(r.w), h: Math.round(r.h) }
        : null;
    http.bring(workshopId, token, { boardId, viewport }).then(
      () => setNotice(t('bring.sent')),
      (err: unknown) => setNotice(t(errorKey(err))),
    );
  };

  return (
    <BoardPage
      boardId={boardId}
      token={token}
      readOnly={reason !== null}
      memberName={ctx.me?.name}
      homeHref={`/w/${workshopId}`}
      homeLabel={t('workshop.homeLabel')}
      focus={focus}
      rules={rules}
      authorOf={authorOf}
      placing={comments.placing}
      phoneTitle={board.name.includes(owner) ? board.name : `${board.name} · ${owner}`}
      phoneActions={(api) => (
        <>
          {comments.phoneBar(api)}
          {vote.phoneBar(api)}
        </>
      )}
      canvasLayer={(api) => (
        <>
          {comments.canvasLayer(api)}
          {vote.canvasLayer(api)}
        </>
      )}
      boardExtra={(api) => (
        <>
          <CanvasTop width={api.state.viewport.width}>
            <PresentationBar
              api={api}
              ctx={ctx}
              boardId={boardId}
              follow={follow}
              onError={setNotice}
            />
            {comments.canvasTop(api)}
            {vote.canvasTop(api)}
          </CanvasTop>
          {comments.boardExtra(api)}
          {vote.boardExtra(api)}
          <LaterMeasureTools api={api} workshopId={workshopId} token={token} />
          {board.template === 'stakeholders' && (
            <LaterStakeholderCounts workshopId={workshopId} token={token} />
          )}
        </>
      )}
      toolbarExtra={(api) => (
        <>
          <Link
            className="btn btn-quiet back-link"
            href={`/w/${workshopId}`}
            state={{ stay: true }}
          >
            <span aria-hidden="true" className="back-arrow">
              ←
            </span>
            {t('workshop.home')}
          </Link>
          {!phone && (
            <span className="board-title" title={`${board.name} · ${owner}`}>
              {board.name}
              {!board.name.includes(owner) && <span className="muted"> · {owner}</span>}
            </span>
          )}
          {reason && (
            <span className="readonly-badge" data-testid="readonly-badge">
              <Icon name="lock" />
              <span>{t('readonly.why', { reason: t(reason) })}</span>
            </span>
          )}
          {facilitator && (
            <button
              type="button"
              className="btn"
              title={t('bring.hereHint')}
              onClick={() => bringHere(api)}
            >
              {t('bring.here')}
            </button>
          )}
          {facilitator && state.presentation?.boardId !== boardId && (
            <button
              type="button"
              className="btn"
              title={t('present.startHint')}
              onClick={() =>
                http.present(workshopId, token, boardId).catch((err: unknown) => {
                  setNotice(t(errorKey(err)));
                })
              }
            >
              {t('present.start')}
            </button>
          )}
          {phone ? comments.phoneMenu(api) : comments.toolbar(api)}
          {!phone && vote.toolbar(api)}
          <BoardExportMenu
            boardId={boardId}
            boardName={board.name}
            workshopId={workshopId}
            token={token}
          />
        </>
      )}
      banner={
        <>
          <ControlBanner state={state} />
          <MarketBanner state={state} viewer={viewer} workshopId={workshopId} token={token} />
          <div className="board-notices" role="status">
            {notice && <p className="board-notice">{notice}</p>}
            {go && (
              <p className="board-notice">
                {t(go.key, go.params)}{' '}
                <Link className="chip" href={`/w/${workshopId}/b/${go.board.id}`}>
                  {t('workshop.goThere')}
                </Link>
              </p>
            )}
          </div>
        </>
      }
    />
  );
}
