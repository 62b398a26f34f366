import {
  type Comment,
  type CommentPin,
  commentAccess,
  type Dot,
  mayDecideComments,
  type Point,
  type Shape,
  shapeBounds,
  shapeText,
  type WorkshopBoard,
} from '@torg/shared';
import { useEffect, useMemo, useState } from 'react';
import type { Editor as EditorApi } from '../../board/editor/Editor.js';
import { useT } from '../../i18n/LocaleProvider.js';
import type { BoardFeatureContext, BoardFeatureUi } from '../context.js';
import { CommentForm, type Pending } from './CommentForm.js';
import { CommentPins } from './CommentPins.js';
import { commentsApi } from './comments-api.js';
import { numberComments, pinPoint } from './comments-logic.js';
import { FeedbackPanel } from './FeedbackPanel.js';
import { ReactionToggle } from './ReactionToggle.js';
import { useComments } from './useComments.js';
import { useFeedbackNews } from './useFeedbackNews.js';

/** What comments add to a workshop board page (props for BoardPage). */
export interface CommentsUi extends BoardFeatureUi {
  placing: ((world: Point, hit: Shape | null) => void) | null;
  /** The board's vote dots (same document as the comments). */
  dots: Dot[];
}

/**
 * Comments and suggestions on a workshop board: the "Kommenter" tool and its form, the pins
 * on the canvas, and the feedback panel ("Tilbakemeldinger fra torget") with replies,
 * accepting and resolving.
 */
export function useCommentsUi(
  ctx: BoardFeatureContext,
  board: WorkshopBoard | undefined,
): CommentsUi {
  const t = useT();
  const { workshopId, token, boardId, state, viewer } = ctx;
  const { comments, reactions, dots } = useComments(boardId, token);
  const numbers = useMemo(() => numberComments(comments), [comments]);
  const [placingMode, setPlacingMode] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const [pinsHidden, setPinsHidden] = useState(false);
  const [panelOpen, setPanelOpen] = useState(false);
  const [highlight, setHighlight] = useState<string | null>(null);

  const canComment = !!board && commentAccess(state, board, viewer);
  const canManage = !!board && mayDecideComments(state, board, viewer);

  const { unread, announcement, setAnnouncement } = useFeedbackNews(
    comments,
    boardId,
    panelOpen,
    viewer.participantId,
  );

  // Leave placing mode when access goes (the round ended) or on Escape.
  useEffect(() => {
    if (!canComment) {
      setPlacingMode(false);
      setPending(null);
    }
  }, [canComment]);
  useEffect(() => {
    if (!placingMode) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setPlacingMode(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [placingMode]);

  const openForm = (pin: CommentPin, at: Point, shape: Shape | null) => {
    setPlacingMode(false);
    setPending({
      pin,
      at,
      shapeName: shape ? shapeText(shape).trim().slice(0, 500) || null : null,
    });
  };
  const pinTo = (shape: Shape, api: EditorApi) => {
    const b = shapeBounds(shape, api.store.lookup);
    openForm({ shapeId: shape.id }, b ? { x: b.x + b.w, y: b.y } : api.viewCenter(), shape);
  };

  const placing = placingMode
    ? (world: Point, hit: Shape | null) => {
        if (hit && hit.type !== 'frame') {
          const b = shapeBounds(hit, () => undefined);
          openForm({ shapeId: hit.id }, b ? { x: b.x + b.w, y: b.y } : world, hit);
        } else openForm({ x: Math.round(world.x), y: Math.round(world.y) }, world, null);
      }
    : null;

  const show = (c: Comment, api: EditorApi) => {
    setHighlight(c.id);
    setPinsHidden(false);
    if ('shapeId' in c.pin && api.store.get(c.pin.shapeId)) api.select([c.pin.shapeId]);
    const p = pinPoint(c.pin, api.store.lookup);
    if (p)
      api.setCamera(
        (cam) => ({
          ...cam,
          x: api.viewport.width / 2 - p.x * cam.scale,
          y: api.viewport.height / 2 - p.y * cam.scale,
        }),
        true,
      );
  };

  // The toolbar's parts: on a laptop all in the header; on a phone commenting and the
  // feedback in the bottom bar, +1 and hiding the pins in the menu.
  const commentButton = (api: EditorApi) => (
    <>
      {canComment && (
        <button
          type="button"
          className="btn"
          aria-pressed={placingMode || !!pending}
          title={t('comments.addHint')}
          data-testid="comment-add"
          onClick={() => {
            if (placingMode || pending) {
              setPlacingMode(false);
              setPending(null);
              return;
            }
            const sel = api.state.selection;
            const shape = sel.length === 1 ? api.store.get(sel[0] ?? '') : undefined;
            if (shape) pinTo(shape, api);
            else setPlacingMode(true);
          }}
        >
          {t('comments.add')}
        </button>
      )}
    </>
  );
  const reactionToggle = (api: EditorApi) => (
    <>
      {canComment && (
        <ReactionToggle
          api={api}
          reactions={reactions}
          participantId={viewer.participantId}
          toggle={(shapeId) => commentsApi.toggleReaction(workshopId, token, boardId, shapeId)}
          onError={setAnnouncement}
        />
      )}
    </>
  );
  const hideButton = (
    <>
      <button
        type="button"
        className="btn btn-quiet"
        aria-pressed={pinsHidden}
        onClick={() => setPinsHidden((h) => !h)}
      >
        {t('comments.hide')}
      </button>
    </>
  );
  const feedbackButton = (
    <>
      <button
        type="button"
        className="btn"
        aria-pressed={panelOpen}
        aria-controls={panelOpen ? 'feedback-panel' : undefined}
        data-testid="feedback-toggle"
        onClick={() => setPanelOpen((o) => !o)}
      >
        {t('comments.panelToggle')}
        {unread > 0 && (
          <span className="count-badge">
            <span aria-hidden="true">{unread}</span>
            <span className="visually-hidden">{t('comments.unread', { count: unread })}</span>
          </span>
        )}
      </button>
    </>
  );

  return {
    dots,
    placing,
    toolbar: (api) => (
      <span className="comment-tools">
        {commentButton(api)}
        {reactionToggle(api)}
        {hideButton}
        {feedbackButton}
      </span>
    ),
    phoneBar: (api) => (
      <>
        {commentButton(api)}
        {feedbackButton}
      </>
    ),
    phoneMenu: (api) => (
      <span className="comment-tools">
        {reactionToggle(api)}
        {hideButton}
      </span>
    ),
    canvasLayer: (api) =>
      pinsHidden ? null : (
        <CommentPins api={api} comments={comments} numbers={numbers} highlight={highlight} />
      ),
    canvasTop: (api) =>
      placingMode && (
        <div className="comment-placing" role="status">
          <span>{t('comments.placing')}</span>{' '}
          <button
            type="button"
            className="chip"
            onClick={() => {
              const c = api.viewCenter();
              openForm({ x: Math.round(c.x), y: Math.round(c.y) }, c, null);
            }}
          >
            {t('comments.placeCenter')}
          </button>{' '}
          <button type="button" className="chip" onClick={() => setPlacingMode(false)}>
            {t('comments.cancel')}
          </button>
        </div>
      ),
    boardExtra: (api) => (
      <>
        <span className="visually-hidden" aria-live="polite" aria-atomic="true">
          {announcement}
        </span>
        {pending && (
          <CommentForm
            api={api}
            pending={pending}
            onCancel={() => setPending(null)}
            onSubmit={async (body) => {
              await commentsApi.add(workshopId, token, boardId, { ...body, pin: pending.pin });
              setPending(null);
            }}
          />
        )}
        {panelOpen && (
          <FeedbackPanel
            state={state}
            comments={comments}
            numbers={numbers}
            canComment={canComment}
            canManage={canManage}
            onClose={() => setPanelOpen(false)}
            onShow={(c) => show(c, api)}
            actions={{
              reply: (id, text) => commentsApi.reply(workshopId, token, boardId, id, text),
              status: (id, status) => commentsApi.setStatus(workshopId, token, boardId, id, status),
              accept: (id) => commentsApi.accept(workshopId, token, boardId, id),
            }}
          />
        )}
      </>
    ),
  };
}
