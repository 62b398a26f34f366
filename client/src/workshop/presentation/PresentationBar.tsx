import { stepSection } from '@torg/shared';
import { useEffect, useRef } from 'react';
import type { Editor } from '../../board/editor/Editor.js';
import { useT } from '../../i18n/LocaleProvider.js';
import { Link } from '../../router.js';
import { errorKey, api as http } from '../api.js';
import type { WorkshopContext } from '../context.js';
import { partLabel } from './part-label.js';
import type { PresentationFollow } from './usePresentationFollow.js';

/**
 * The slim banner of a presentation, over the top of the board: who presents and which part
 * is shown ("Nord presenterer · Del 2 av 5: 2025"); for the presenters (the facilitator and the
 * presenting group) the steps back and forth; for the facilitator the end (and, in a round,
 * the next group); for a follower who looked around, the way back. On another board, the way
 * to the presentation.
 */
export function PresentationBar({
  api,
  ctx,
  boardId,
  follow,
  onError,
}: {
  api: Editor;
  ctx: WorkshopContext;
  boardId: string;
  follow: PresentationFollow;
  onError(message: string): void;
}) {
  const t = useT();
  const { state, viewer, workshopId, token } = ctx;
  const shown = state.presentation;
  useLookAround(api, follow);
  if (!shown) return null;

  const group = state.groups.find((g) => g.id === shown.groupId);
  const who = group ? t('present.byGroup', { group: group.name }) : t('present.byFacilitator');
  const round = shown.round;
  const turn = round
    ? ` · ${t('present.turn', { n: round.turn + 1, count: round.boards.length })}`
    : '';
  if (shown.boardId !== boardId)
    return (
      <section className="presentation-bar" aria-label={t('present.label')}>
        <span className="presentation-who">
          {who}
          {turn}
        </span>
        <Link className="btn btn-primary" href={`/w/${workshopId}/b/${shown.boardId}`}>
          {t('present.goThere')}
        </Link>
      </section>
    );

  const facilitator = viewer.role === 'facilitator';
  const presenter =
    facilitator ||
    (viewer.role === 'participant' && shown.groupId !== null && ctx.me?.groupId === shown.groupId);
  const { label: part, sections: ids } = partLabel(t, api.store.list(), shown.frameId);
  const step = (by: 1 | -1) => {
    const next = stepSection(ids, shown.frameId, by);
    if (next === undefined) return;
    http
      .presentSection(workshopId, token, shown.seq, next)
      .catch((err: unknown) => onError(t(errorKey(err))));
  };
  const command = (call: () => Promise<unknown>) =>
    call().catch((err: unknown) => onError(t(errorKey(err))));

  return (
    <section className="presentation-bar" aria-label={t('present.label')}>
      <span className="presentation-who">
        {who}
        {turn}
      </span>
      <span className="presentation-part" aria-live="polite">
        {part}
      </span>
      {presenter && (
        <span className="presentation-steps">
          <button
            type="button"
            className="btn"
            aria-label={t('present.prev')}
            title={t('present.prev')}
            disabled={stepSection(ids, shown.frameId, -1) === undefined}
            onClick={() => step(-1)}
          >
            ◀
          </button>
          <button
            type="button"
            className="btn"
            aria-label={t('present.next')}
            title={t('present.next')}
            disabled={stepSection(ids, shown.frameId, 1) === undefined}
            onClick={() => step(1)}
          >
            ▶
          </button>
        </span>
      )}
      {!follow.following && (
        <>
          <span className="visually-hidden">{t('present.lookingAround')}</span>
          <button type="button" className="btn btn-primary" onClick={follow.back}>
            {t('present.back')}
          </button>
        </>
      )}
      {facilitator && round && (
        <button
          type="button"
          className="btn"
          onClick={() => command(() => http.presentNext(workshopId, token))}
        >
          {round.turn + 1 < round.boards.length ? t('present.nextGroup') : t('present.endRound')}
        </button>
      )}
      {facilitator && (
        <button
          type="button"
          className="btn"
          onClick={() => command(() => http.presentStop(workshopId, token))}
        >
          {t('present.end')}
        </button>
      )}
    </section>
  );
}

/**
 * Tells a follower's looking around from the presentation's own moves: the view stays fitted
 * to the section shown (`Editor.fittedRect`) until the person pans or zooms themselves.
 */
function useLookAround(api: Editor, follow: PresentationFollow) {
  const fitted = api.fittedRect;
  const seen = useRef(false);
  const key = follow.focus?.key;
  // A new section (or the jump back) is fitted anew: watch from then on.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on each new section only
  useEffect(() => {
    seen.current = false;
  }, [key]);
  useEffect(() => {
    if (!follow.following) return;
    if (fitted) seen.current = true;
    else if (seen.current) {
      seen.current = false;
      follow.lookAround();
    }
  }, [fitted, follow]);
}
