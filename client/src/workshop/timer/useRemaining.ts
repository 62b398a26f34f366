import { type Countdown, remainingMs } from '@torg/shared';
import { useEffect, useState } from 'react';
import { serverNow, useServerClock } from './useServerClock.js';

/** Time left on a clock (timer or market round), ticking while it runs (four times a second). */
export function useRemaining(timer: Countdown): number {
  useServerClock();
  const [, setTick] = useState(0);
  useEffect(() => {
    if (timer.state !== 'running') return;
    const id = setInterval(() => setTick((n) => n + 1), 250);
    return () => clearInterval(id);
  }, [timer.state]);
  return remainingMs(timer, serverNow());
}
