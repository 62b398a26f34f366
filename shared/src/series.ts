import type { FollowUpItem } from './measures.js';
import { z } from './zod.js';

/**
 * A series of gatherings ("samlingsrekke"): a leadership group meeting several times, the
 * boards of one gathering brought forward to the next, an assignment given between them.
 *
 * A series has no document of its own: each gathering's workshop document says which series
 * it belongs to (control key `series`), and the server keeps an index of the series' gatherings
 * (the `series_id` of the workshop's row). So a gathering's backup carries its place in the
 * series, deleting a gathering takes it out, and a series is exactly the gatherings in it.
 * Whoever facilitates one gathering of a series facilitates the series: reads its overview,
 * adds the next gathering, enters its other gatherings.
 */

export const SERIES_KEY = 'series';
export const ASSIGNMENT_KEY = 'assignment';

/** The most gatherings a series holds (a year of monthly gatherings, with room to spare). */
export const MAX_SERIES_GATHERINGS = 24;
/** The longest assignment to the next gathering. */
export const ASSIGNMENT_MAX = 2000;

const id = z.string().check(z.regex(/^[A-Za-z0-9_-]{4,64}$/));
const name = z.string().check(z.trim(), z.minLength(1), z.maxLength(80));
const title = z.string().check(z.trim(), z.minLength(1), z.maxLength(120));
const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

/** Control key `series` of a gathering's workshop document: the series it belongs to. */
export const seriesLinkSchema = z.object({
  id,
  name,
  /** The gathering this one was made from ("Ny samling i rekken"), or null. */
  previousId: z.nullable(id),
});
export type SeriesLink = z.infer<typeof seriesLinkSchema>;

/** Control key `assignment`: "Oppdrag til neste samling", written at the end of a gathering. */
export const assignmentSchema = z.object({
  text: z.string().check(z.maxLength(ASSIGNMENT_MAX)),
  at: z.number(),
});
export type Assignment = z.infer<typeof assignmentSchema>;

/** Where a board brought forward came from (`WorkshopBoard.broughtFrom`). */
export const broughtFromSchema = z.object({ workshopId: id, boardId: id });

/** `POST …/series`: a new series with this gathering as its first. */
export const createSeriesBody = z.object({ name });
/** `PATCH …/series`: renames the series (in every gathering). */
export const renameSeriesBody = z.object({ name });
/** `PUT …/assignment`: the assignment to the next gathering ('' clears it). */
export const assignmentBody = z.object({
  text: z.string().check(z.trim(), z.maxLength(ASSIGNMENT_MAX)),
});
/** `POST …/series/next`: the next gathering, with the same groups and these boards copied. */
export const nextGatheringBody = z.object({
  title,
  date: isoDate,
  boardIds: z.array(id).check(z.maxLength(60)),
  facilitatorName: name,
});
/** `POST /api/account/series/<seriesId>/gatherings`: adds a gathering the account owns. */
export const addGatheringBody = z.object({ workshopId: id });

/** One gathering as the series overview lists it. */
export interface SeriesGathering {
  workshopId: string;
  title: string;
  date: string;
  ended: boolean;
  /** The gathering asked about. */
  current: boolean;
  /** Its plan of the day: planned start and step names. */
  agenda: { start: string | null; steps: { name: string; minutes: number }[] };
  assignment: string | null;
  boards: { id: string; name: string; groupId: string | null; broughtFrom: string | null }[];
}

export interface SeriesOverview {
  series: { id: string; name: string };
  /** Oldest first (by date, then by when each was made). */
  gatherings: SeriesGathering[];
}

/** What a gathering opens with: the assignment from the one before, and the measures' status. */
export interface SeriesBrief {
  series: { id: string; name: string } | null;
  previous: { title: string; date: string; assignment: string | null } | null;
  /** The measures of the earlier gatherings of the series, with their status. */
  followUp: FollowUpItem[];
}
