import {
  type Agenda,
  clockParts,
  EMPTY_AGENDA,
  type MessageKey,
  minutesOfDay,
  REPORT_TIME_ZONE,
  type WorkshopState,
} from '@torg/shared';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Minutes after midnight as the locale writes a time of day ("09.15"; English "09:15"). */
export function clockLabel(t: T, minutes: number): string {
  return t('format.clock', clockParts(minutes));
}

/** A server time as the gathering's time of day, written as the locale does. */
export function momentLabel(t: T, at: number): string {
  return clockLabel(t, minutesOfDay(at, REPORT_TIME_ZONE));
}

/** The workshop's plan (the empty one in states built without it). */
export function agendaOf(state: WorkshopState): Agenda {
  return state.agenda ?? EMPTY_AGENDA;
}
