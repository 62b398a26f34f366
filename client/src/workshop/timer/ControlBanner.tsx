import { type Countdown, currentStep, isCounting, type WorkshopState } from '@torg/shared';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { agendaOf } from '../agenda/agenda-format.js';
import { formatClock } from './countdown.js';
import { playChime, primeAudioOnInteraction } from './sound.js';
import { useRemaining } from './useRemaining.js';

const MARKS = [60_000, 30_000, 10_000] as const;

/**
 * The facilitator's countdown, as everyone sees it: amber in the last minute, red and
 * pulsing with a chime when it runs out; screen readers hear the last minute, 30 and 10
 * seconds and the end (never every second).
 */
export function CountdownTimer({
  timer,
  size = 'normal',
}: {
  timer: Countdown;
  size?: 'normal' | 'large';
}) {
  const t = useT();
  const remaining = useRemaining(timer);
  const prev = useRef<number | null>(null);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => primeAudioOnInteraction(), []);

  useEffect(() => {
    const before = prev.current;
    prev.current = timer.state === 'running' ? remaining : null;
    if (before === null || timer.state !== 'running') return;
    if (before > 0 && remaining <= 0) {
      setAnnouncement(t('timer.done'));
      playChime();
      return;
    }
    for (const mark of MARKS)
      if (before > mark && remaining <= mark)
        setAnnouncement(
          mark === 60_000 ? t('timer.oneMinute') : t('timer.seconds', { s: mark / 1000 }),
        );
  }, [remaining, timer.state, t]);

  if (!isCounting(timer)) return null;
  const done = timer.state === 'running' && remaining <= 0;
  const warning = !done && remaining <= 60_000;
  return (
    <div
      className={`timer timer-${size}${warning ? ' timer-warning' : ''}${done ? ' timer-done' : ''}`}
      data-state={timer.state}
    >
      <span className="timer-label">{t('timer.label')}</span>
      <span role="timer" aria-label={t('timer.label')} className="timer-clock">
        {done ? t('timer.done') : formatClock(remaining)}
      </span>
      {timer.state === 'paused' && <span className="timer-paused">({t('timer.paused')})</span>}
      <span className="visually-hidden" aria-live="assertive" aria-atomic="true">
        {announcement}
      </span>
    </div>
  );
}

/**
 * The facilitator's message, the step of the day running now and the timer, shown to everyone
 * at the top of the page.
 */
export function ControlBanner({ state }: { state: WorkshopState }) {
  const t = useT();
  const message = state.message?.text ?? '';
  const step = currentStep(agendaOf(state));
  // The live region stays in the page when empty, so a new message is announced.
  const empty = !message && !step && state.timer.state === 'idle';
  return (
    <div className={`control-banner${empty ? ' is-empty' : ''}`}>
      {step && (
        <span className="control-step">
          <span className="visually-hidden">{t('plan.current')}: </span>
          {step.title}
        </span>
      )}
      <div className="control-message" role="status" aria-live="polite">
        {message && (
          <>
            <span className="visually-hidden">{t('message.label')}: </span>
            <span className="control-message-text">{message}</span>
          </>
        )}
      </div>
      <CountdownTimer timer={state.timer} />
    </div>
  );
}
