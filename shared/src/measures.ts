import { z } from './zod.js';

/**
 * Measures ("tiltak") and their follow-up ("oppfølging"): a note on a goals-and-measures
 * board becomes a measure when it gets an owner, a due date and a status (the sticky's
 * optional `measure` field, written by the group like the rest of the board). A measure may
 * say what it builds on: stakeholder inputs (`input:<inputId>`) and accepted suggestions
 * (`suggestion:<commentId>`); the server follows those links to tell contributors what came
 * of their input.
 */

export const MEASURE_STATUSES = ['planned', 'started', 'done', 'dropped'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

export const MEASURE_OWNER_MAX = 80;
/** The most inputs and suggestions one measure names as its basis. */
export const MEASURE_BASIS_MAX = 30;

const basisKey = z.string().check(z.regex(/^(input|suggestion):[A-Za-z0-9_-]{4,64}$/));

export const measureSchema = z.object({
  owner: z.string().check(z.maxLength(MEASURE_OWNER_MAX)),
  /** 'YYYY-MM-DD', or '' when no date is set. */
  due: z.string().check(z.regex(/^(\d{4}-\d{2}-\d{2})?$/)),
  status: z.enum(MEASURE_STATUSES),
  basedOn: z.array(basisKey).check(z.maxLength(MEASURE_BASIS_MAX)),
});
export type Measure = z.infer<typeof measureSchema>;

export const EMPTY_MEASURE: Measure = { owner: '', due: '', status: 'planned', basedOn: [] };

/** The section a new measure's note belongs to on the goals-and-measures template. */
export const MEASURE_SECTION = 'goals.measure';

/** Late: a due date before `today` (YYYY-MM-DD) while the measure is neither done nor dropped. */
export function isLate(measure: Measure, today: string): boolean {
  return (
    measure.due !== '' &&
    measure.due < today &&
    measure.status !== 'done' &&
    measure.status !== 'dropped'
  );
}

export const inputBasis = (inputId: string) => `input:${inputId}`;
export const suggestionBasis = (commentId: string) => `suggestion:${commentId}`;

/** One measure as the follow-up view lists it (across the gatherings of a series). */
export interface FollowUpItem {
  workshopId: string;
  gathering: string;
  gatheringDate: string;
  boardId: string;
  boardName: string;
  group: string | null;
  shapeId: string;
  text: string;
  measure: Measure;
  late: boolean;
}

/** `PATCH …/follow-up/<boardId>/<shapeId>`: the facilitator updates a measure from the list. */
export const updateMeasureBody = z.object({
  owner: z.optional(z.string().check(z.trim(), z.maxLength(MEASURE_OWNER_MAX))),
  due: z.optional(z.string().check(z.regex(/^(\d{4}-\d{2}-\d{2})?$/))),
  status: z.optional(z.enum(MEASURE_STATUSES)),
});

/** Counts of the measures by status, and how many are late. */
export function followUpCounts(
  items: readonly FollowUpItem[],
): Record<MeasureStatus | 'late', number> {
  const counts = { planned: 0, started: 0, done: 0, dropped: 0, late: 0 };
  for (const item of items) {
    counts[item.measure.status]++;
    if (item.late) counts.late++;
  }
  return counts;
}
