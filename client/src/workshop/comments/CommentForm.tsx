import { type CommentPin, cutAtWord, type MessageKey, type Point } from '@torg/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { worldToScreen } from '../../board/camera.js';
import type { Editor as EditorApi } from '../../board/editor/Editor.js';
import { usePhoneLayout } from '../../board/phone/usePhoneLayout.js';
import { useT } from '../../i18n/LocaleProvider.js';
import { useReturnFocus } from '../../ui/useReturnFocus.js';
import { errorKey } from '../api.js';

/** A comment being written: where it is pinned. */
export interface Pending {
  pin: CommentPin;
  /** Where the form opens, in board coordinates. */
  at: Point;
  shapeName: string | null;
}

export type NewComment =
  | { kind: 'comment'; text: string }
  | { kind: 'suggestion'; text: string; proposal: string };

/** The form for a new comment or suggestion, next to where it is pinned. */
export function CommentForm({
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

  // Beside its pin on a laptop; on a phone a bottom sheet (phone.css), which has no room there.
  const phone = usePhoneLayout();
  const p = worldToScreen(api.state.camera, pending.at);
  const left = Math.max(8, Math.min(p.x + 16, api.viewport.width - 300));
  const top = Math.max(8, Math.min(p.y, api.viewport.height - 320));

  return (
    <form
      ref={formRef}
      className="comment-form"
      style={phone ? undefined : { left, top }}
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
      {pending.shapeName !== null || 'shapeId' in pending.pin ? (
        <PinnedTo name={pending.shapeName ?? '…'} />
      ) : (
        <p className="muted">{t('comments.formOnSpot')}</p>
      )}
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

/**
 * What the comment is pinned to. A long text is cut at a word for the eye, with the whole
 * text as tooltip and for screen readers; a short one is said once.
 */
function PinnedTo({ name }: { name: string }) {
  const t = useT();
  const cut = cutAtWord(name, 40);
  const full = t('comments.formOnShape', { name });
  if (cut === name) return <p className="muted comment-target">{full}</p>;
  return (
    <p className="muted comment-target" title={name}>
      <span aria-hidden="true">{t('comments.formOnShape', { name: cut })}</span>
      <span className="visually-hidden">{full}</span>
    </p>
  );
}
