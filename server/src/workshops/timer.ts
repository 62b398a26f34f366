import {
  addCountdownTime,
  IDLE_TIMER,
  pauseCountdown,
  resumeCountdown,
  startCountdown,
  type TimerCommand,
  type TimerState,
  writeTimer,
} from '@torg/shared';
import type { WorkshopDocs } from './workshop-state.js';

/**
 * The next timer after a facilitator's command at server time `now` (the countdown rules are
 * `@torg/shared`'s `countdown.ts`). Adding time to an idle timer makes it a paused one, so
 * "add 5 minutes" then "resume" works without a start; the duration follows what was added.
 */
export function nextTimer(t: TimerState, cmd: TimerCommand, now: number): TimerState {
  switch (cmd.action) {
    case 'start':
      return startCountdown({ ...t, durationMs: cmd.durationMs }, cmd.durationMs, now);
    case 'pause':
      return pauseCountdown(t, now);
    case 'resume':
      return resumeCountdown(t, now);
    case 'add': {
      const added = addCountdownTime(t, cmd.ms, now);
      // Never below 0: a negative duration is no timer at all to every reader.
      const durationMs = Math.max(0, t.durationMs + cmd.ms);
      if (t.state === 'running') return { ...added, durationMs };
      return { ...added, durationMs, state: t.state === 'idle' ? 'paused' : t.state };
    }
    case 'reset':
      return IDLE_TIMER;
  }
}

/** The facilitator's timer (control key `timer`), shown to everyone. */
export class TimerService {
  constructor(private readonly docs: WorkshopDocs) {}

  async command(workshopId: string, cmd: TimerCommand): Promise<void> {
    await this.docs.change(workshopId, (doc, state) => {
      writeTimer(doc, nextTimer(state.timer, cmd, Date.now()));
    });
  }
}
