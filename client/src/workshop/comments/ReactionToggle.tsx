import { type Reaction, reactionCounts } from '@torg/shared';
import { useMemo, useState } from 'react';
import type { Editor as EditorApi } from '../../board/editor/Editor.js';
import { useT } from '../../i18n/LocaleProvider.js';
import { errorKey } from '../api.js';

/** "+1" on the one selected object: pressed when it is one's own, with everyone's count. */
export function ReactionToggle({
  api,
  reactions,
  participantId,
  toggle,
  onError,
}: {
  api: EditorApi;
  reactions: readonly Reaction[];
  participantId: string;
  toggle(shapeId: string): Promise<unknown>;
  onError(message: string): void;
}) {
  const t = useT();
  const plusOnes = useMemo(() => reactionCounts(reactions), [reactions]);
  const [reacting, setReacting] = useState(false);
  const sel = api.state.selection;
  const shapeId = sel.length === 1 ? (sel[0] ?? '') : '';
  if (!shapeId || !api.store.get(shapeId)) return null;
  const count = plusOnes.get(shapeId) ?? 0;
  const mine = reactions.some((r) => r.shapeId === shapeId && r.participantId === participantId);
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
        toggle(shapeId)
          .catch((err: unknown) => onError(t(errorKey(err))))
          .finally(() => setReacting(false));
      }}
    >
      {t('comments.plusOne')}
      {/* The count is drawn by CSS (the name says it; the visible label stays "+1"), and only
          when there is one: a "0" tells nothing. Neutral, not an alert's red. */}
      {count > 0 && (
        <>
          {' '}
          <span className="count-badge count-badge-quiet" data-count={count} aria-hidden="true" />
        </>
      )}
    </button>
  );
}
