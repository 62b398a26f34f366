import type { WorkshopState } from '@torg/shared';
import { type Translate, useT } from '../../i18n/LocaleProvider.js';
import type { Viewer } from '../context.js';
import { marketPlaceOf } from './market-logic.js';

/**
 * The round of a running market square as words: "Runde 2 av 4 — dere besøker Gruppe 3", "…
 * dere er hjemme denne runden", or the round alone for someone without a group.
 */
export function marketRoundText(state: WorkshopState, viewer: Viewer, t: Translate): string {
  const m = state.market;
  if (!m || (m.state !== 'running' && m.state !== 'paused')) return '';
  const place = marketPlaceOf(state, viewer.participantId);
  const total = m.plan.length;
  const n = m.round + 1;
  const groupName = (gid: string) => state.groups.find((g) => g.id === gid)?.name ?? gid;
  const me = state.participants.find((p) => p.id === viewer.participantId);
  const ownBoardId = me?.groupId ? m.boardIds[me.groupId] : undefined;
  const ownBoardName = state.boards.find((b) => b.id === ownBoardId)?.name;
  return place
    ? place.visiting
      ? t('market.bannerVisit', { n, total, group: groupName(place.visiting) })
      : place.hosting
        ? t('market.bannerHostOn', { n, total, board: ownBoardName ?? '' })
        : t('market.bannerHome', { n, total })
    : t('market.bannerRound', { n, total });
}

/**
 * Says the round to screen readers (WCAG 4.1.3). Rendered beside the board, not in it: a round
 * moves visitors to another board, and a live region made together with its words is not
 * read, so this one stays in the page from board to board and only its words change.
 */
export function MarketRoundSaid({ state, viewer }: { state: WorkshopState; viewer: Viewer }) {
  const t = useT();
  return (
    <span className="visually-hidden" role="status" aria-live="polite" data-testid="market-round">
      {marketRoundText(state, viewer, t)}
    </span>
  );
}
