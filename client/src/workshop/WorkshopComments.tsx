import {
  type Comment,
  type CommentPin,
  commentAccess,
  type Dot,
  type MessageKey,
  mayDecideComments,
  type Point,
  reactionCounts,
  type Shape,
  shapeBounds,
  shapeText,
  type WorkshopBoard,
  type WorkshopState,
} from '@torg/shared';
import { type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import { worldToScreen } from '../board/camera.js';
import type { Editor as EditorApi } from '../board/editor/Editor.js';
import { useT } from '../i18n/LocaleProvider.js';
import { useClosablePanel, useReturnFocus } from '../ui/useReturnFocus.js';
import { errorKey, api as http } from './api.js';
import { CommentPins } from './CommentPins.js';
import {
  groupFeedback,
  loadSeen,
  numberComments,
  pinPoint,
  repliesByParent,
  storeSeen,
  unreadCount,
} from './comments-logic.js';
import type { Viewer } from './logic.js';
import { useComments } from './useComments.js';
import { serverNow } from './useServerClock.js';

interface Pending {
  pin: CommentPin;
  /** Where the form opens, in board coordinates. */
  at: Point;
  shapeName: string | null;
}

interface Ctx {
  workshopId: string;
  token: string;
  boardId: string;
  state: WorkshopState;
  viewer: Viewer;
}

/** What comments add to a workshop board page (props for BoardPage). */
export interface CommentsUi {
  toolbar(api: EditorApi): ReactNode;
  placing: ((world: Point, hit: Shape | null) => void) | null;
  canvasLayer(api: EditorApi): ReactNode;
  boardExtra(api: EditorApi): ReactNode;
  /** The board's vote dots (same document as the comments). */
  dots: Dot[];
}

/**
 * Comments and suggestions on a workshop board: the "Kommenter" tool and its form, the pins
 * on the canvas, and the feedback panel ("Tilbakemeldinger fra torget") with replies,
 * accepting and resolving.
 */
export function useCommentsUi(ctx: Ctx, board: WorkshopBoard | undefined): CommentsUi {
  const t = useT();
  const { workshopId, token, boardId, state, viewer } = ctx;
  const { comments, reactions, dots } = useComments(boardId, token);
  const numbers = useMemo(() => numberComments(comments), [comments]);
  const plusOnes = useMemo(() => reactionCounts(reactions), [reactions]);
  const [reacting, setReacting] = useState(false);
  const [placingMode, setPlacingMode] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const [pinsHidden, setPinsHidden] = useState(false);
  const [panelOpen, setPanelOpen] = useState(false);
  const [highlight, setHighlight] = useState<string | null>(null);
  const [seen, setSeen] = useState(() => loadSeen(boardId));
  const [announcement, setAnnouncement] = useState('');

  const canComment = !!board && commentAccess(state, board, viewer);
  const canManage = !!board && mayDecideComments(state, board, viewer);

  // Unread: newer than what this browser last saw in the open panel (kept per board).
  const newest = comments.reduce((m, c) => Math.max(m, c.createdAt), 0);
  useEffect(() => setSeen(loadSeen(boardId)), [boardId]);
  useEffect(() => {
    if (!panelOpen || newest <= seen) return;
    storeSeen(boardId, newest);
    setSeen(newest);
  }, [panelOpen, newest, seen, boardId]);
  const unread = unreadCount(comments, seen, viewer.participantId);

  // Politely say when someone else adds feedback while the board is open.
  const openedAt = useRef(serverNow());
  const announced = useRef(new Set<string>());
  useEffect(() => {
    const fresh = comments.filter(
      (c) =>
        c.createdAt > openedAt.current &&
        c.authorId !== viewer.participantId &&
        !announced.current.has(c.id),
    );
    for (const c of fresh) announced.current.add(c.id);
    const last = fresh.at(-1);
    if (last)
      setAnnouncement(
        t('comments.announce', { name: last.authorName, text: last.text.slice(0, 120) }),
      );
  }, [comments, viewer.participantId, t]);

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
    setPending({ pin, at, shapeName: shape ? shapeText(shape).slice(0, 40) || null : null });
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

  return {
    dots,
    placing,
    toolbar: (api) => (
      <span className="comment-tools">
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
        {canComment &&
          (() => {
            const sel = api.state.selection;
            const shapeId = sel.length === 1 ? (sel[0] ?? '') : '';
            if (!shapeId || !api.store.get(shapeId)) return null;
            const count = plusOnes.get(shapeId) ?? 0;
            const mine = reactions.some(
              (r) => r.shapeId === shapeId && r.participantId === viewer.participantId,
            );
            return (
              <button
                type="button"
                className="btn"
                aria-pressed={mine}
                aria-label={t(mine ? 'comments.plusOneRemoveLabel' : 'comments.plusOneLabel', {
                  count,
                })}
                disabled={reacting}
                data-testid="reaction-toggle"
                onClick={() => {
                  setReacting(true);
                  http
                    .toggleReaction(workshopId, token, boardId, shapeId)
                    .catch((err: unknown) => setAnnouncement(t(errorKey(err))))
                    .finally(() => setReacting(false));
                }}
              >
                {t('comments.plusOne')}{' '}
                {/* The count is drawn by CSS: the name says it, and the visible label stays "+1". */}
                <span className="count-badge" data-count={count} aria-hidden="true" />
              </button>
            );
          })()}
        <button
          type="button"
          className="btn btn-quiet"
          aria-pressed={pinsHidden}
          onClick={() => setPinsHidden((h) => !h)}
        >
          {t('comments.hide')}
        </button>
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
      </span>
    ),
    canvasLayer: (api) =>
      pinsHidden ? null : (
        <CommentPins api={api} comments={comments} numbers={numbers} highlight={highlight} />
      ),
    boardExtra: (api) => (
      <>
        <span className="visually-hidden" aria-live="polite" aria-atomic="true">
          {announcement}
        </span>
        {placingMode && (
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
        )}
        {pending && (
          <CommentForm
            api={api}
            pending={pending}
            onCancel={() => setPending(null)}
            onSubmit={async (body) => {
              await http.addComment(workshopId, token, boardId, { ...body, pin: pending.pin });
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
              reply: (id, text) => http.reply(workshopId, token, boardId, id, text),
              status: (id, status) => http.setCommentStatus(workshopId, token, boardId, id, status),
              accept: (id) => http.acceptSuggestion(workshopId, token, boardId, id),
            }}
          />
        )}
      </>
    ),
  };
}

type NewComment =
  | { kind: 'comment'; text: string }
  | { kind: 'suggestion'; text: string; proposal: string };

function CommentForm({
  api,
  pending,
  onCancel,
  onSubmit,
}: {
  api: EditorApi;
  pending: Pending;
  onCancel(): void;
  onSubmit(body: NewComment): Promise<void>;
}) {
  const t = useT();
  const id = useId();
  const [kind, setKind] = useState<'comment' | 'suggestion'>('comment');
  const [text, setText] = useState('');
  const [proposal, setProposal] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  const first = useRef<HTMLTextAreaElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // Back to the control that opened the form (the "Kommenter" button) when it closes.
  useReturnFocus(formRef);
  useEffect(() => first.current?.focus(), []);

  const p = worldToScreen(api.state.camera, pending.at);
  const left = Math.max(8, Math.min(p.x + 16, api.viewport.width - 300));
  const top = Math.max(8, Math.min(p.y, api.viewport.height - 320));

  return (
    <form
      ref={formRef}
      className="comment-form"
      style={{ left, top }}
      aria-labelledby={`${id}-title`}
      data-testid="comment-form"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
      onSubmit={(e) => {
        e.preventDefault();
        if (busy) return;
        setBusy(true);
        setError(null);
        onSubmit(kind === 'comment' ? { kind, text } : { kind, text, proposal }).catch(
          (err: unknown) => {
            setError(errorKey(err));
            setBusy(false);
          },
        );
      }}
    >
      <h2 id={`${id}-title`}>{t('comments.formTitle')}</h2>
      <p className="muted">
        {pending.shapeName !== null || 'shapeId' in pending.pin
          ? t('comments.formOnShape', { name: pending.shapeName ?? '…' })
          : t('comments.formOnSpot')}
      </p>
      <fieldset>
        <legend>{t('comments.kind')}</legend>
        {(['comment', 'suggestion'] as const).map((k) => (
          <label key={k}>
            <input
              type="radio"
              name={`${id}-kind`}
              value={k}
              checked={kind === k}
              onChange={() => setKind(k)}
            />{' '}
            {t(k === 'comment' ? 'comments.kindComment' : 'comments.kindSuggestion')}
          </label>
        ))}
      </fieldset>
      {kind === 'suggestion' && (
        <>
          <label htmlFor={`${id}-proposal`}>{t('comments.proposal')}</label>
          <textarea
            id={`${id}-proposal`}
            value={proposal}
            required
            maxLength={2000}
            rows={2}
            onChange={(e) => setProposal(e.target.value)}
          />
        </>
      )}
      <label htmlFor={`${id}-text`}>
        {t(kind === 'comment' ? 'comments.text' : 'comments.suggestionText')}
      </label>
      <textarea
        ref={first}
        id={`${id}-text`}
        value={text}
        required
        maxLength={2000}
        rows={3}
        onChange={(e) => setText(e.target.value)}
      />
      {error && (
        <p role="alert" className="form-error">
          {t(error)}
        </p>
      )}
      <div className="comment-form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('comments.send')}
        </button>
        <button type="button" className="btn btn-quiet" onClick={onCancel}>
          {t('comments.cancel')}
        </button>
      </div>
    </form>
  );
}

interface PanelActions {
  reply(id: string, text: string): Promise<unknown>;
  status(id: string, status: 'open' | 'resolved'): Promise<unknown>;
  accept(id: string): Promise<unknown>;
}

const STATUS_LABEL: Record<Comment['status'], MessageKey> = {
  open: 'comments.statusOpen',
  resolved: 'comments.statusResolved',
  accepted: 'comments.statusAccepted',
};

function FeedbackPanel({
  state,
  comments,
  numbers,
  canComment,
  canManage,
  onClose,
  onShow,
  actions,
}: {
  state: WorkshopState;
  comments: readonly Comment[];
  numbers: Map<string, number>;
  canComment: boolean;
  canManage: boolean;
  onClose(): void;
  onShow(c: Comment): void;
  actions: PanelActions;
}) {
  const t = useT();
  const headingId = useId();
  const [message, setMessage] = useState<string | null>(null);
  const panel = useClosablePanel(onClose);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const rounds = groupFeedback(comments);
  const replies = repliesByParent(comments);
  const topLevel = numbers.size;
  const groupName = (gid: string | null) =>
    gid === null
      ? t('comments.fromFacilitator')
      : t('comments.fromGroup', { group: state.groups.find((g) => g.id === gid)?.name ?? gid });

  // A pressed button may be gone after the update (an accepted suggestion has no "Godta"):
  // keep the keyboard in the panel, on its heading, rather than lost on the page.
  const focusInside = useRef(false);
  useEffect(() => {
    const active = document.activeElement;
    if (focusInside.current && (!active || active === document.body)) headingRef.current?.focus();
  });
  const run = (p: Promise<unknown>, done?: MessageKey) =>
    p.then(
      () => setMessage(done ? t(done) : null),
      (err: unknown) => setMessage(t(errorKey(err))),
    );

  return (
    <aside
      {...panel}
      id="feedback-panel"
      className="outline feedback-panel"
      aria-labelledby={headingId}
      data-testid="feedback-panel"
      onFocus={() => {
        focusInside.current = true;
      }}
      onBlur={(e) => {
        // Focus moved on to somewhere else (not lost with a removed button).
        if (e.relatedTarget && !e.currentTarget.contains(e.relatedTarget))
          focusInside.current = false;
      }}
    >
      <div className="outline-head">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {t('comments.panelTitle')}
        </h2>
        <p className="outline-count">{t('comments.count', { count: topLevel })}</p>
        <button type="button" className="btn btn-quiet" onClick={onClose}>
          {t('comments.panelClose')}
        </button>
      </div>
      <p role="status" className="feedback-message">
        {message}
      </p>
      {rounds.length === 0 && <p className="muted">{t('comments.empty')}</p>}
      {rounds.map((r) => (
        <section key={r.round ?? 'none'} className="feedback-round">
          <h3>
            {r.round === null ? t('comments.noRound') : t('comments.roundN', { n: r.round + 1 })}
          </h3>
          {r.groups.map((g) => (
            <section key={g.groupId ?? 'none'} className="feedback-group">
              <h4>{groupName(g.groupId)}</h4>
              <ol className="feedback-list">
                {g.threads.map((c) => {
                  const n = numbers.get(c.id) ?? 0;
                  return (
                    <li key={c.id} className={`feedback-item status-${c.status}`}>
                      <CommentBody c={c} n={n} />
                      <div className="feedback-actions">
                        <button
                          type="button"
                          className="chip"
                          aria-label={t('comments.showLabel', { n })}
                          onClick={() => onShow(c)}
                        >
                          {t('comments.show')}
                        </button>
                        {canManage && c.kind === 'suggestion' && c.status === 'open' && (
                          <button
                            type="button"
                            className="chip chip-primary"
                            aria-label={t('comments.acceptLabel', { n })}
                            onClick={() => run(actions.accept(c.id), 'comments.accepted')}
                          >
                            {t('comments.accept')}
                          </button>
                        )}
                        {canManage && c.status === 'open' && (
                          <button
                            type="button"
                            className="chip"
                            aria-label={t('comments.resolveLabel', { n })}
                            onClick={() => run(actions.status(c.id, 'resolved'))}
                          >
                            {t('comments.resolve')}
                          </button>
                        )}
                        {canManage && c.status === 'resolved' && (
                          <button
                            type="button"
                            className="chip"
                            aria-label={t('comments.reopenLabel', { n })}
                            onClick={() => run(actions.status(c.id, 'open'))}
                          >
                            {t('comments.reopen')}
                          </button>
                        )}
                      </div>
                      <Replies parentId={c.id} replies={replies} />
                      {canComment && (
                        <ReplyForm n={n} onReply={(text) => actions.reply(c.id, text)} />
                      )}
                    </li>
                  );
                })}
              </ol>
            </section>
          ))}
        </section>
      ))}
    </aside>
  );
}

function CommentBody({ c, n }: { c: Comment; n: number | null }) {
  const t = useT();
  return (
    <div className="feedback-body">
      <p className="feedback-meta">
        {n !== null && <span className="feedback-number">{t('comments.number', { n })}</span>}{' '}
        {n !== null && (
          <span>
            {t(c.kind === 'comment' ? 'comments.kindComment' : 'comments.kindSuggestion')} ·{' '}
          </span>
        )}
        <strong>{c.authorName}</strong>
        {n !== null && <span className="feedback-status"> · {t(STATUS_LABEL[c.status])}</span>}
      </p>
      <p className="feedback-text">{c.text}</p>
      {c.proposal && (
        <p className="feedback-proposal">
          <span className="muted">{t('comments.proposalLabel')}</span> {c.proposal}
        </p>
      )}
    </div>
  );
}

function Replies({ parentId, replies }: { parentId: string; replies: Map<string, Comment[]> }) {
  const t = useT();
  const list = replies.get(parentId);
  if (!list?.length) return null;
  return (
    <ul className="feedback-replies" aria-label={t('comments.replies')}>
      {list.map((r) => (
        <li key={r.id}>
          <CommentBody c={r} n={null} />
          <Replies parentId={r.id} replies={replies} />
        </li>
      ))}
    </ul>
  );
}

function ReplyForm({ n, onReply }: { n: number; onReply(text: string): Promise<unknown> }) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  return (
    <form
      className="feedback-reply"
      onSubmit={(e) => {
        e.preventDefault();
        if (busy || !text.trim()) return;
        setBusy(true);
        setError(null);
        onReply(text).then(
          () => {
            setText('');
            setBusy(false);
          },
          (err: unknown) => {
            setError(errorKey(err));
            setBusy(false);
          },
        );
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {t('comments.replyLabel', { n })}
      </label>
      <input
        id={id}
        value={text}
        maxLength={2000}
        placeholder={t('comments.replyLabel', { n })}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="chip" disabled={busy || !text.trim()}>
        {t('comments.replySend')}
      </button>
      {error && (
        <p role="alert" className="form-error">
          {t(error)}
        </p>
      )}
    </form>
  );
}
