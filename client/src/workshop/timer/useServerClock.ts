import { useEffect, useState } from 'react';
import { api } from '../api.js';

/**
 * The server's clock as an offset from ours, so every screen counts the timer down to the
 * same moment whatever its own clock says. Measured once per page (half the round trip is
 * assumed each way) and again every 10 minutes.
 */
let offset = 0;
let measuredAt = 0;
let pending: Promise<void> | null = null;
const listeners = new Set<(offset: number) => void>();

async function measure(): Promise<void> {
  const t0 = Date.now();
  const { now } = await api.time();
  const t1 = Date.now();
  if (typeof now !== 'number' || !Number.isFinite(now)) return;
  offset = now - (t0 + t1) / 2;
  measuredAt = t1;
  for (const l of listeners) l(offset);
}

function ensureMeasured(): void {
  if (pending || Date.now() - measuredAt < 10 * 60_000) return;
  pending = measure()
    .catch(() => {
      // Offline: keep the last offset (0 at first); the timer is then as good as our clock.
    })
    .finally(() => {
      pending = null;
    });
}

/** Server time now, in ms (a function: call it when you need the time). */
export function serverNow(): number {
  return Date.now() + offset;
}

/** Re-renders when the offset is (re)measured; returns the offset in ms. */
export function useServerClock(): number {
  const [value, setValue] = useState(offset);
  useEffect(() => {
    listeners.add(setValue);
    ensureMeasured();
    const id = setInterval(ensureMeasured, 60_000);
    return () => {
      listeners.delete(setValue);
      clearInterval(id);
    };
  }, []);
  return value;
}
