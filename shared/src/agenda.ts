import { z } from './zod.js';

/**
 * The plan of the day ("kjøreplan"), under the workshop document's control key `agenda`:
 * the steps the facilitator starts one by one. A step's planned start follows from the day's
 * start and the durations of the steps before it (skipped steps take no time), so re-timing a
 * step moves everything after it, as on a paper plan. Started and ended times are the server's
 * clock, kept for the report (planned against actual).
 */

export const AGENDA_KEY = 'agenda';

/**
 * What a step does when it is started: a group phase from a template (boards for every group,
 * everyone moved there), the market square, a plenary board, a dot vote, a break (the timer),
 * a presentation round, or a free text step that only shows its title.
 */
export const AGENDA_STEP_KINDS = [
  'phase',
  'market',
  'plenary',
  'vote',
  'break',
  'presentations',
  'text',
] as const;
export type AgendaStepKind = (typeof AGENDA_STEP_KINDS)[number];

/** At most this many steps: a long day has about fifteen. */
export const AGENDA_MAX_STEPS = 40;
/** A step lasts 1 minute to 8 hours. */
export const STEP_MINUTES = { min: 1, max: 480 } as const;

const id = z.string().check(z.regex(/^[A-Za-z0-9_-]{4,64}$/));
/** "HH:MM", 00:00–23:59. */
const clock = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/));

export const agendaStepSchema = z.object({
  id,
  kind: z.enum(AGENDA_STEP_KINDS),
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  minutes: z.int().check(z.gte(STEP_MINUTES.min), z.lte(STEP_MINUTES.max)),
  /** For a phase or a plenary board: the template its boards start from (`saved:<id>` too). */
  template: z.optional(z.string().check(z.maxLength(80))),
  /** Left out of the day: takes no time, never started by "Start neste steg". */
  skipped: z.boolean(),
  /** Server time it was started, and ended (the next step's start, or the end of the day). */
  startedAt: z.nullable(z.number()),
  endedAt: z.nullable(z.number()),
  /** The phase a started phase or plenary step made (a later market or vote uses its boards). */
  phaseId: z.optional(id),
});
export type AgendaStep = z.infer<typeof agendaStepSchema>;

export const agendaSchema = z.object({
  /** When the first step is planned to start, in the gathering's time zone. */
  dayStart: clock,
  steps: z.array(agendaStepSchema).check(z.maxLength(AGENDA_MAX_STEPS)),
  /** The step running now, or null (before the first, or after the last). */
  currentId: z.nullable(id),
});
export type Agenda = z.infer<typeof agendaSchema>;

/** A step as planned: what it is and how long, without what happened to it. */
const plannedStep = z.object({
  kind: z.enum(AGENDA_STEP_KINDS),
  title: agendaStepSchema.shape.title,
  minutes: agendaStepSchema.shape.minutes,
  template: agendaStepSchema.shape.template,
  skipped: z._default(z.boolean(), false),
});

/**
 * The facilitator's plan as sent (`PUT …/agenda`): the steps in order, without what happened
 * (the server keeps that, see `replan`). New steps come with ids the client made.
 */
export const agendaPlanBody = z.object({
  dayStart: clock,
  steps: z.array(z.extend(plannedStep, { id })).check(z.maxLength(AGENDA_MAX_STEPS)),
});
export type AgendaPlan = z.infer<typeof agendaPlanBody>;

/**
 * A plan of the day kept for other gatherings (a gathering template, see the template
 * library): the day's start and its steps, with no ids and nothing that happened. A step's
 * template names a built-in one or the owner's saved board template (`saved:<id>`).
 */
export const dayPlanSchema = z.object({
  dayStart: clock,
  steps: z.array(plannedStep).check(z.maxLength(AGENDA_MAX_STEPS)),
});
export type DayPlan = z.infer<typeof dayPlanSchema>;

/** A step as planned: what it is and how long, without its id and what happened to it. */
export function plannedStepOf({ kind, title, minutes, template, skipped }: AgendaStep) {
  return { kind, title, minutes, skipped, ...(template !== undefined ? { template } : {}) };
}

/** The agenda as a plan to keep: what was planned, in order, without what happened. */
export function dayPlanOf(agenda: Agenda): DayPlan {
  return { dayStart: agenda.dayStart, steps: agenda.steps.map(plannedStepOf) };
}

/**
 * "Start neste steg" (`POST …/agenda/next`) names the step the facilitator saw running, so
 * two clicks (or two facilitators) on one screen start one step, not two.
 */
export const agendaNextBody = z.object({ currentId: z.nullable(id) });

export const EMPTY_AGENDA: Agenda = { dayStart: '09:00', steps: [], currentId: null };

/** "HH:MM" → minutes after midnight. */
export function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Minutes after midnight → "HH:MM" (wrapping past midnight). */
export function clockText(minutes: number): string {
  const day = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(day / 60)).padStart(2, '0')}:${String(day % 60).padStart(2, '0')}`;
}

/**
 * Minutes after midnight as the hour and minute of the locale's `format.clock` message
 * ("09.15" in Bokmål, "09:15" in English).
 */
export function clockParts(minutes: number): { hour: string; minute: string } {
  const [hour = '00', minute = '00'] = clockText(minutes).split(':');
  return { hour, minute };
}

/** Each step's planned start (minutes after midnight); a skipped step gets the time it is at. */
export function plannedStarts(agenda: Agenda): Map<string, number> {
  const out = new Map<string, number>();
  let at = clockMinutes(agenda.dayStart);
  for (const step of agenda.steps) {
    out.set(step.id, at);
    if (!step.skipped) at += step.minutes;
  }
  return out;
}

/** The planned end of the day (minutes after midnight). */
export function plannedEnd(agenda: Agenda): number {
  return agenda.steps.reduce(
    (at, s) => (s.skipped ? at : at + s.minutes),
    clockMinutes(agenda.dayStart),
  );
}

export function currentStep(agenda: Agenda): AgendaStep | null {
  return agenda.steps.find((s) => s.id === agenda.currentId) ?? null;
}

/**
 * The step "Start neste steg" starts: the first one after the current (from the top before
 * the first) that is neither skipped nor already started.
 */
export function nextStep(agenda: Agenda): AgendaStep | null {
  const from = agenda.steps.findIndex((s) => s.id === agenda.currentId);
  return agenda.steps.slice(from + 1).find((s) => !s.skipped && s.startedAt === null) ?? null;
}

/**
 * Minutes behind plan (negative: ahead), what the facilitator sees as "7 min etter planen":
 * when the next step will start, if the running step takes its planned minutes (or now, when
 * it has run longer, or no step runs), against when the plan has it start. `now` is server
 * time; the plan's times are the time of day in `timeZone`. Null when there is no next step.
 */
export function minutesBehind(agenda: Agenda, now: number, timeZone: string): number | null {
  const next = nextStep(agenda);
  if (!next) return null;
  const planned = plannedStarts(agenda).get(next.id) ?? 0;
  const running = currentStep(agenda);
  const ends =
    running?.startedAt != null ? running.startedAt + running.minutes * 60_000 : Number.NaN;
  const starts = Number.isNaN(ends) ? now : Math.max(now, ends);
  // Whole minutes of the day, both sides: seconds would make the figure flicker. Across
  // midnight (an evening's plan) the nearer way round: 23.58 against 00.02 is 4 early.
  const raw = minutesOfDay(starts, timeZone) - planned;
  return ((((raw + 720) % 1440) + 1440) % 1440) - 720;
}

/** The time of day at `at` in `timeZone`, in minutes after midnight. */
export function minutesOfDay(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part('hour') * 60 + part('minute');
}

/**
 * The agenda after "Start neste steg" at server time `now`: the current step ends, the next
 * starts. Null when there is nothing to start.
 */
export function startNext(
  agenda: Agenda,
  now: number,
  made: { phaseId?: string } = {},
): Agenda | null {
  const next = nextStep(agenda);
  if (!next) return null;
  return {
    ...agenda,
    currentId: next.id,
    steps: endCurrent(agenda, now).map((s) =>
      s.id === next.id ? { ...s, startedAt: now, ...made } : s,
    ),
  };
}

/** The agenda after "Avslutt dagen": the current step ends, none runs. */
export function endDay(agenda: Agenda, now: number): Agenda {
  return { ...agenda, currentId: null, steps: endCurrent(agenda, now) };
}

/** The steps with the current one ended at `now` (if it had not ended). */
function endCurrent(agenda: Agenda, now: number): AgendaStep[] {
  return agenda.steps.map((s) =>
    s.id === agenda.currentId && s.endedAt === null ? { ...s, endedAt: now } : s,
  );
}

/**
 * The facilitator's edited plan (order, titles, durations, skipped, new and removed steps)
 * laid over the running day: what has happened stays as it happened. A step keeps its started
 * and ended times and its kind whatever the edit says; a started step cannot be removed or
 * skipped; the current step stays current. Null (refused) when the edit would drop or skip a
 * started step, or names a step twice.
 */
export function replan(agenda: Agenda, edit: AgendaPlan): Agenda | null {
  const before = new Map(agenda.steps.map((s) => [s.id, s]));
  const kept = new Set(edit.steps.map((s) => s.id));
  if (kept.size !== edit.steps.length) return null;
  for (const s of agenda.steps) if (s.startedAt !== null && !kept.has(s.id)) return null;
  const steps: AgendaStep[] = [];
  for (const e of edit.steps) {
    const was = before.get(e.id);
    if (was?.startedAt != null && e.skipped) return null;
    const { template, ...rest } = e;
    const step: AgendaStep = {
      ...rest,
      ...(template !== undefined ? { template } : {}),
      startedAt: was?.startedAt ?? null,
      endedAt: was?.endedAt ?? null,
      ...(was?.phaseId ? { phaseId: was.phaseId } : {}),
    };
    // What a started step did stays what it did.
    if (was?.startedAt != null) step.kind = was.kind;
    steps.push(step);
  }
  return { dayStart: edit.dayStart, steps, currentId: agenda.currentId };
}
