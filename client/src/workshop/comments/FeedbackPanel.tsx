import type { Comment, MessageKey, WorkshopState } from '@torg/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { useClosablePanel } from '../../ui/useReturnFocus.js';
import { errorKey } from '../api.js';
import { CommentBody, Replies, ReplyForm } from './CommentThread.js';
import { groupFeedback, repliesByParent } from './comments-logic.js';

export interface PanelActions {
  reply(id: string, text: string): Promise<unknown>;
  status(id: string, status: 'open' | 'resolved'): Promise<unknown>;
  accept(id: string): Promise<unknown>;
}

/**
 * "Tilbakemeldinger fra torget": the board's feedback by round and group, each thread with
 * its replies, and accepting, resolving and reopening for those who decide.
 */
export function FeedbackPanel({
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
