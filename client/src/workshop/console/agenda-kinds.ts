import type { AgendaStepKind, MessageKey } from '@torg/shared';

/** Each kind of step, as the plan of the day names it. */
export const KIND_LABEL: Record<AgendaStepKind, MessageKey> = {
  phase: 'agenda.kind.phase',
  market: 'agenda.kind.market',
  plenary: 'agenda.kind.plenary',
  vote: 'agenda.kind.vote',
  break: 'agenda.kind.break',
  presentations: 'agenda.kind.presentations',
  text: 'agenda.kind.text',
};
