import { z } from './zod.js';

/**
 * Presentation mode, under the workshop document's control key `presentation`: one board
 * shown to everyone, a section (frame) at a time, as slides. The presenter (the facilitator,
 * or any member of the presenting group) steps through the sections; everyone's view follows
 * until they look around themselves, and can jump back. A presentation round
 * ("Presentasjonsrunde", a step of the plan of the day) walks through the groups' boards in
 * turn, each with its own countdown.
 */

export const PRESENTATION_KEY = 'presentation';

const id = z.string().check(z.regex(/^[A-Za-z0-9_-]{4,64}$/));

/** A round through the groups' boards: whose turn it is, and each turn's minutes. */
export const presentationRoundSchema = z.object({
  boards: z.array(id).check(z.minLength(1), z.maxLength(40)),
  turn: z.int().check(z.nonnegative()),
  /** Each group's share of the step's time, on the timer at each turn. */
  turnMs: z.int().check(z.positive()),
});
export type PresentationRound = z.infer<typeof presentationRoundSchema>;

export const presentationSchema = z.object({
  boardId: id,
  /** The group presenting (its members step the sections), or null: the facilitator presents. */
  groupId: z.nullable(id),
  /** The section shown: a frame of the board, or null for the whole board. */
  frameId: z.nullable(id),
  /** Counts every change of board or section: a follower's page acts on a new one only. */
  seq: z.int().check(z.nonnegative()),
  round: z.nullable(presentationRoundSchema),
});
export type Presentation = z.infer<typeof presentationSchema>;

/** `POST …/presentation`: present a board of the workshop (the facilitator). */
export const presentBody = z.object({ boardId: id });

/**
 * `POST …/presentation/section`: show a section. `seq` is the presentation the presenter saw,
 * so two presenters clicking at once move one step, not two (409 when it moved meanwhile).
 */
export const presentSectionBody = z.object({ seq: z.int(), frameId: z.nullable(id) });

/**
 * The section after (`by` 1) or before (-1) `current` in `sections` (the board's frames in
 * reading order); the whole board (null) comes before the first. Undefined past either end.
 */
export function stepSection(
  sections: readonly string[],
  current: string | null,
  by: 1 | -1,
): string | null | undefined {
  const at = current === null ? -1 : sections.indexOf(current);
  const next = at + by;
  if (next < -1 || next >= sections.length) return undefined;
  return next === -1 ? null : (sections[next] ?? undefined);
}
