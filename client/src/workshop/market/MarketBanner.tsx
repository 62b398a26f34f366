import { hostPickRefusal, type Market, type WorkshopState } from '@torg/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { errorKey } from '../api.js';
import type { Viewer } from '../context.js';
import { formatClock } from '../timer/countdown.js';
import { useRemaining } from '../timer/useRemaining.js';
import { marketRoundText } from './MarketRoundSaid.js';
import { marketApi } from './market-api.js';

/**
 * Once the market square is set up: the group picks who stays home to present. While it
 * runs: the round, where this person's group is ("you are visiting Gruppe 2" or "you are
 * hosting") and the round's countdown; screen readers hear one minute before the round ends.
 */
interface BannerProps {
  state: WorkshopState;
  viewer: Viewer;
  workshopId: string;
  token: string;
}

export function MarketBanner(props: BannerProps) {
  const { state, viewer } = props;
  const m = state.market;
  if (m?.state === 'setup') return <HostPicker {...props} m={m} />;
  if (!m || (m.state !== 'running' && m.state !== 'paused')) return null;
  return <MarketBannerLive state={state} viewer={viewer} m={m} />;
}

/** Before the start: who of the group stays home to present (any member may pick). */
function HostPicker({ state, viewer, m, workshopId, token }: BannerProps & { m: Market }) {
  const t = useT();
  const id = useId();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const me = state.participants.find((p) => p.id === viewer.participantId);
  const group = state.groups.find((g) => g.id === me?.groupId);
  if (me?.role !== 'participant' || !group || hostPickRefusal(state, group.id, viewer)) return null;
  const members = state.participants.filter(
    (p) => p.role === 'participant' && p.groupId === group.id,
  );
  const host = members.find((p) => m.hostIds.includes(p.id))?.id ?? '';
  const pick = (participantId: string) => {
    setBusy(true);
    setError('');
    marketApi
      .host(workshopId, token, { groupId: group.id, participantId: participantId || null })
      .catch((err: unknown) => setError(t(errorKey(err))))
      .finally(() => setBusy(false));
  };
  return (
    <div className="control-banner market-banner" data-testid="market-banner">
      <div className="control-message" role="status">
        {t('market.setupBanner', { count: m.plan.length })}
      </div>
      <span className="inline-form">
        <label htmlFor={`${id}-host`}>{t('market.hostPick', { group: group.name })}</label>
        <select
          id={`${id}-host`}
          className="input"
          value={host}
          disabled={busy}
          onChange={(e) => pick(e.target.value)}
        >
          <option value="">{t('market.noHost')}</option>
          {members.map((p) => (
            <option key={p.id} value={p.id}>
              {p.id === me.id ? t('market.me', { name: p.name }) : p.name}
            </option>
          ))}
        </select>
      </span>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function MarketBannerLive({
  state,
  viewer,
  m,
}: {
  state: WorkshopState;
  viewer: Viewer;
  m: Market;
}) {
  const t = useT();
  const remaining = useRemaining(m);
  const [announcement, setAnnouncement] = useState('');
  const prev = useRef<{ round: number; ms: number } | null>(null);
  const { round } = m;
  const running = m.state === 'running';

  // Say "one minute left" once per round, when the countdown passes the minute.
  useEffect(() => {
    const before = prev.current;
    prev.current = { round, ms: remaining };
    if (before && before.round !== round) {
      setAnnouncement('');
      return;
    }
    if (before && running && before.ms > 60_000 && remaining <= 60_000 && remaining > 0)
      setAnnouncement(t('market.oneMinute'));
  }, [remaining, running, round, t]);

  const text = marketRoundText(state, viewer, t);
  const done = running && remaining <= 0;
  const warning = !done && remaining <= 60_000;
  return (
    <div className="control-banner market-banner" data-testid="market-banner">
      {/* Read out by `MarketRoundSaid`, which stays in the page from board to board. */}
      <div className="control-message">{text}</div>
      <div
        className={`timer${warning ? ' timer-warning' : ''}${done ? ' timer-done' : ''}`}
        data-state={m.state}
      >
        {/* Over is over: no "time left" label beside it. */}
        {done ? (
          <span role="timer" className="timer-clock timer-over">
            {t('market.roundOver')}
          </span>
        ) : (
          <>
            <span className="timer-label">{t('market.roundClock')}</span>
            <span role="timer" aria-label={t('market.roundClock')} className="timer-clock">
              {formatClock(remaining)}
            </span>
          </>
        )}
        {m.state === 'paused' && <span className="timer-paused">({t('market.paused')})</span>}
      </div>
      <span className="visually-hidden" aria-live="assertive" aria-atomic="true">
        {announcement}
      </span>
    </div>
  );
}
