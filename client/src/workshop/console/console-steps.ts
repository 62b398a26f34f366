import type { MessageKey, WorkshopState } from '@torg/shared';

/** The console's steps, in the order a gathering goes through them (the plan comes first). */
export const CONSOLE_STEPS = [
  'agenda',
  'invite',
  'phases',
  'themes',
  'market',
  'vote',
  'inputs',
  'followUp',
  'series',
  'export',
  'end',
] as const;
export type ConsoleStep = (typeof CONSOLE_STEPS)[number];

export const STEP_LABEL: Record<ConsoleStep, MessageKey> = {
  agenda: 'console.stepAgenda',
  invite: 'console.stepInvite',
  phases: 'console.stepPhases',
  themes: 'console.stepThemes',
  market: 'console.stepMarket',
  vote: 'console.stepVote',
  inputs: 'console.stepInputs',
  followUp: 'console.stepFollowUp',
  series: 'console.stepSeries',
  export: 'console.stepExport',
  end: 'console.stepEnd',
};

/**
 * Where the gathering is now, read from the workshop document alone (so every facilitator's
 * console agrees, also after a reload): an ended workshop is exported; an open vote or a
 * market square being set up or run is that step; after a closed vote comes the export, after
 * an ended market the vote; before anyone has joined, inviting; otherwise the phases.
 */
export function currentStep(state: WorkshopState): ConsoleStep {
  if (state.meta?.ended) return 'export';
  if (state.vote?.state === 'open') return 'vote';
  const market = state.market?.state;
  if (market === 'setup' || market === 'running' || market === 'paused') return 'market';
  if (state.vote?.state === 'closed') return 'export';
  if (market === 'ended') return 'vote';
  if (!state.participants.some((p) => p.role === 'participant')) return 'invite';
  return 'phases';
}

/**
 * Whether the console moves to `step` by itself when the gathering gets there: only into
 * something live that the facilitator's own command started (a market square, an open vote)
 * or the end of the workshop (then export).
 */
export function followsOnItsOwn(state: WorkshopState, step: ConsoleStep): boolean {
  if (step === 'market') return true;
  if (step === 'vote') return state.vote?.state === 'open';
  return step === 'export' && !!state.meta?.ended;
}
