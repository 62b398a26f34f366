import type { TimerState } from '@torg/shared';
import { useEffect, useState } from 'react';
import { timerRemaining } from './countdown.js';
import { serverNow, useServerClock } from './useServerClock.js';

/** Time left, ticking while it runs (re-renders four times a second). */
export function useRemaining(timer: TimerState): number {
  useServerClock();
  const [, setTick] = useState(0);
  useEffect(() => {
    if (timer.state !== 'running') return;
    const id = setInterval(() => setTick((n) => n + 1), 250);
    return () => clearInterval(id);
  }, [timer.state]);
  return timerRemaining(timer, serverNow());
}
