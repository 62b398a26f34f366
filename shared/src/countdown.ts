/**
 * One countdown model for every clock of a workshop: the facilitator's timer, the market
 * square's rounds, and what clients show. Stored as plain fields inside the workshop
 * document (the timer under control key `timer`, a round inside `market`):
 *
 * - `running`: `endsAt` is the server time it ends; `remainingMs` is what was left when it
 *   (re)started (informative only).
 * - `paused`: `endsAt` is null; `remainingMs` is what was left.
 * - anything else (`idle`, the market's `setup` and `ended`): no time is counting.
 *
 * The functions are pure: they take a value and the server's `now` and return the next value,
 * the same object when a command does not apply to the current state (so callers can skip the
 * write). They keep every other field of the value (a timer's `durationMs`, a market's `plan`).
 */
export interface Countdown {
  readonly state: string;
  readonly endsAt: number | null;
  readonly remainingMs: number;
}

/** Whether a clock is shown at all: running or paused (idle, setup and ended count nothing). */
export function isCounting(c: Countdown): boolean {
  return c.state === 'running' || c.state === 'paused';
}

/** What is left at `now`: counting down while running, frozen while paused, 0 otherwise. */
export function remainingMs(c: Countdown, now: number): number {
  if (c.state === 'running') return Math.max(0, (c.endsAt ?? now) - now);
  if (c.state === 'paused') return c.remainingMs;
  return 0;
}

/** Running and out of time (a round or timer that has reached 0:00 but not yet moved on). */
export function countdownDone(c: Countdown, now: number): boolean {
  return c.state === 'running' && remainingMs(c, now) === 0;
}

/**
 * The one place a countdown's state changes. Every value this module writes is `running` or
 * `paused`, which both the timer's and the market's state unions contain, so the spread keeps
 * `T`; TypeScript cannot see that through a generic spread, hence the cast.
 */
function withClock<T extends Countdown>(
  c: T,
  clock: { state: 'running' | 'paused'; endsAt: number | null; remainingMs: number },
): T {
  return { ...c, ...clock } as T;
}

/** Starts counting `ms` from `now`, whatever the state was. */
export function startCountdown<T extends Countdown>(c: T, ms: number, now: number): T {
  return withClock(c, { state: 'running', endsAt: now + ms, remainingMs: ms });
}

/** Running → paused, keeping what is left; otherwise unchanged. */
export function pauseCountdown<T extends Countdown>(c: T, now: number): T {
  if (c.state !== 'running') return c;
  return withClock(c, { state: 'paused', endsAt: null, remainingMs: remainingMs(c, now) });
}

/** Paused → running with what was left; otherwise unchanged. */
export function resumeCountdown<T extends Countdown>(c: T, now: number): T {
  if (c.state !== 'paused') return c;
  return withClock(c, {
    state: 'running',
    endsAt: now + c.remainingMs,
    remainingMs: c.remainingMs,
  });
}

/**
 * Adds `ms` (negative: takes away, never below 0). While running it counts from what is left
 * now, so time added in overtime counts from now, not from the passed end. Otherwise it
 * changes only `remainingMs` and leaves the state to the caller.
 */
export function addCountdownTime<T extends Countdown>(c: T, ms: number, now: number): T {
  const left = Math.max(0, remainingMs(c, now) + ms);
  if (c.state === 'running')
    return withClock(c, { state: 'running', endsAt: now + left, remainingMs: left });
  return { ...c, remainingMs: Math.max(0, c.remainingMs + ms) };
}
