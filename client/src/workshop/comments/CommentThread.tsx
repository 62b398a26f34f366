import type { Comment, MessageKey } from '@torg/shared';
import { useId, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { errorKey } from '../api.js';

const STATUS_LABEL: Record<Comment['status'], MessageKey> = {
  open: 'comments.statusOpen',
  resolved: 'comments.statusResolved',
  accepted: 'comments.statusAccepted',
};

/** One comment: number, kind, author, status, text and proposal (replies have no number). */
export function CommentBody({ c, n }: { c: Comment; n: number | null }) {
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

/** The replies to a comment, nested as they were given. */
export function Replies({
  parentId,
  replies,
}: {
  parentId: string;
  replies: Map<string, Comment[]>;
}) {
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

/** A one-line answer to a thread. */
export function ReplyForm({ n, onReply }: { n: number; onReply(text: string): Promise<unknown> }) {
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
