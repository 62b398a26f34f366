import { type Dot, shapeBounds } from '@torg/shared';
import { useCallback, useSyncExternalStore } from 'react';
import type { Editor as EditorApi } from '../../board/editor/Editor.js';
import { useT } from '../../i18n/LocaleProvider.js';

/** Dots per object: everyone's (when shown) and one's own. */
function countDots(dots: readonly Dot[], participantId: string) {
  const out = new Map<string, { total: number; mine: number }>();
  for (const d of dots) {
    const c = out.get(d.shapeId) ?? { total: 0, mine: 0 };
    c.total++;
    if (d.participantId === participantId) c.mine++;
    out.set(d.shapeId, c);
  }
  return out;
}

/**
 * The vote's dots as badges on the top-right corner of their object, outside its text (they
 * sit above the top edge and reach into the note no further than its padding), in page text
 * so they stay crisp and readable at every zoom: a round count of everyone's dots once the
 * results are shown, and "dine 2" for one's own. Look only (hidden from screen readers): the
 * vote list and the results panel say the same in words and can be reached by keyboard.
 */
export function VoteBadges({
  api,
  dots,
  participantId,
  showTotals,
}: {
  api: EditorApi;
  dots: readonly Dot[];
  participantId: string;
  showTotals: boolean;
}) {
  const t = useT();
  // Follow the objects as they move or change size (the page re-renders on camera changes).
  const subscribe = useCallback((l: () => void) => api.store.subscribeAll(l), [api]);
  useSyncExternalStore(subscribe, () => api.store.getVersion());
  const { camera, viewport } = api.state;
  const counts = countDots(dots, participantId);
  return (
    <div
      className="vote-badges"
      aria-hidden="true"
      style={{ width: viewport.width, height: viewport.height }}
    >
      {[...counts].map(([shapeId, { total, mine }]) => {
        const shape = api.store.get(shapeId);
        const b = shape ? shapeBounds(shape, api.store.lookup) : null;
        if (!b || (!showTotals && mine === 0)) return null;
        const right = (b.x + b.w) * camera.scale + camera.x;
        const top = b.y * camera.scale + camera.y;
        if (right < -40 || top < -40 || right > viewport.width + 200 || top > viewport.height + 40)
          return null;
        return (
          <div
            key={shapeId}
            className="vote-badge"
            style={{ left: right, top }}
            data-testid="vote-badge"
            data-shape-id={shapeId}
          >
            {mine > 0 && (
              <span className="vote-badge-mine" data-testid="vote-badge-mine">
                {t('vote.badgeMine', { count: mine })}
              </span>
            )}
            {showTotals && (
              <span className="vote-badge-total" data-testid="vote-badge-total">
                {total}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
