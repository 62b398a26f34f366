import type { Vote } from '@torg/shared';
import { useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';

/** Banners already put away, per vote and state, for this tab (a reload keeps them away). */
const HIDDEN_KEY = 'torg.vote.bannersHidden';
function hiddenBanners(): string[] {
  try {
    const v: unknown = JSON.parse(sessionStorage.getItem(HIDDEN_KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The vote's state for a participant on one of its boards, at the top of the canvas (in
 * CanvasTop): when it
 * starts, how many dots they have and how to vote (with the dots left and the way to the
 * list); when it is closed, that it is. A polite live region that is always there, so screen
 * readers announce the start and the end as they happen. "Skjul" puts the banner away for this
 * vote's state (the toolbar keeps the dots left and the controls).
 */
export function VoteBanner({
  vote,
  left,
  panelOpen,
  onOpenList,
}: {
  /** The vote on this board, for a participant; null: nothing to say. */
  vote: Vote | null;
  left: number;
  /** The vote list or the ranking is open and says the same: the start banner steps aside. */
  panelOpen: boolean;
  onOpenList(): void;
}) {
  const t = useT();
  const [hidden, setHidden] = useState(hiddenBanners);
  const key = vote ? `${vote.id}:${vote.state}` : '';
  const show = !!vote && !(panelOpen && vote.state === 'open') && !hidden.includes(key);
  const hide = () => {
    const next = [...hidden, key].slice(-20);
    setHidden(next);
    try {
      sessionStorage.setItem(HIDDEN_KEY, JSON.stringify(next));
    } catch {
      // Private mode without storage: it stays away until the page is reloaded.
    }
  };
  return (
    <div className="vote-banner-live" role="status" data-testid="vote-banner">
      {show && vote && (
        <div className={`vote-banner vote-banner-${vote.state}`}>
          {vote.state === 'open' ? (
            <p>
              <strong>{t('vote.bannerOpen', { dots: vote.dots, count: vote.dots })}</strong>{' '}
              <span className="vote-banner-how">{t('vote.bannerHow')}</span>{' '}
              {/* The toolbar's count announces changes; here it is for the eye. */}
              <span aria-hidden="true" className="vote-banner-left">
                {t('vote.left', { left, dots: vote.dots })}
              </span>
            </p>
          ) : (
            <p>
              <strong>{t('vote.bannerClosed')}</strong>
            </p>
          )}
          <span className="vote-banner-actions">
            {vote.state === 'open' && (
              <button type="button" className="chip" onClick={onOpenList}>
                {t('vote.listToggle')}
              </button>
            )}
            <button type="button" className="chip" onClick={hide}>
              {t('vote.bannerHide')}
            </button>
          </span>
        </div>
      )}
    </div>
  );
}
