import type * as Y from 'yjs';
import { isValidId } from './ids.js';
import type { MeasureStatus } from './measures.js';
import { STICKY_COLORS } from './palette.js';
import { readMap } from './workshop.js';
import { z } from './zod.js';

/**
 * Input from stakeholders between gatherings ("innspillsrunde"): the facilitator opens a round
 * on a question; people outside the group (employees, users, relatives, union representatives,
 * politicians) answer it from a link, without an account; the facilitator moderates, places
 * approved inputs on boards and links them to the measures they led to.
 *
 * A gathering's rounds and their inputs live in one document only the server opens,
 * `i.<workshopId>` (its prefix is no sync kind: no connection may open it; inputs are
 * unmoderated words from the open internet). It goes with the gathering into backups, and
 * away with it when it is deleted.
 */

export const INPUTS_DOC = { rounds: 'rounds', inputs: 'inputs' } as const;

export const QUESTION_MAX = 300;
export const INPUT_MAX = 1000;
export const CONTRIBUTOR_NAME_MAX = 80;
export const STAKEHOLDER_LABEL_MAX = 40;
/** How many inputs one submission may hold. */
export const MAX_INPUTS_PER_SUBMISSION = 5;
/** How many inputs a round takes in all (then it is full: a flood cannot grow it further). */
export const MAX_INPUTS_PER_ROUND = 2000;
/** How many rounds one gathering may open. */
export const MAX_INPUT_ROUNDS = 20;
export const MAX_STAKEHOLDERS = 12;
/** A round closes at most this long after it opens. */
export const MAX_ROUND_DAYS = 120;

/** The stakeholder types a new round offers (its list is the facilitator's to change). */
export const DEFAULT_STAKEHOLDERS = [
  { key: 'employee', color: 'blue' },
  { key: 'user', color: 'green' },
  { key: 'relative', color: 'pink' },
  { key: 'union', color: 'orange' },
  { key: 'politician', color: 'purple' },
  { key: 'other', color: 'grey' },
] as const;

const id = z.string().check(z.regex(/^[A-Za-z0-9_-]{4,64}$/));
const label = z.string().check(z.trim(), z.minLength(1), z.maxLength(STAKEHOLDER_LABEL_MAX));

export const stakeholderSchema = z.object({ id, label, color: z.enum(STICKY_COLORS) });
export type Stakeholder = z.infer<typeof stakeholderSchema>;

export const inputRoundSchema = z.object({
  id,
  question: z.string().check(z.minLength(1), z.maxLength(QUESTION_MAX)),
  /** A board section the inputs are for (a template section key), or null. */
  section: z.nullable(z.string().check(z.regex(/^[a-z]+(\.[A-Za-z]+)+$/))),
  stakeholders: z.array(stakeholderSchema).check(z.minLength(1), z.maxLength(MAX_STAKEHOLDERS)),
  /** When it stops taking inputs (ms since the epoch). */
  closesAt: z.number(),
  /** Closed by hand before `closesAt`. */
  closed: z.boolean(),
  /** Whether "Dette gjorde vi med innspillene" is public. */
  published: z.boolean(),
  createdAt: z.number(),
});
export type InputRound = z.infer<typeof inputRoundSchema>;

export const INPUT_STATUSES = ['pending', 'approved', 'hidden'] as const;
export type InputStatus = (typeof INPUT_STATUSES)[number];

export const inputSchema = z.object({
  id,
  roundId: id,
  stakeholderId: id,
  text: z.string().check(z.minLength(1), z.maxLength(INPUT_MAX)),
  /** The contributor's name, only when they chose to give it. */
  name: z.nullable(z.string().check(z.maxLength(CONTRIBUTOR_NAME_MAX))),
  at: z.number(),
  status: z.enum(INPUT_STATUSES),
  /** Merged as a duplicate into this input (then hidden; the other counts it). */
  mergedInto: z.nullable(id),
  /** The notes it was placed as. */
  placed: z.array(z.object({ boardId: id, shapeId: id })).check(z.maxLength(40)),
});
export type StakeholderInput = z.infer<typeof inputSchema>;

export function isRoundOpen(round: InputRound, now: number): boolean {
  return !round.closed && now < round.closesAt;
}

/** The rounds of a gathering, oldest first. */
export function readRounds(doc: Y.Doc): InputRound[] {
  return readMap(doc.getMap(INPUTS_DOC.rounds), inputRoundSchema).sort(
    (a, b) => a.createdAt - b.createdAt,
  );
}

/** The inputs of a round (or of every round), in the order they came. */
export function readInputs(doc: Y.Doc, roundId?: string): StakeholderInput[] {
  return readMap(doc.getMap(INPUTS_DOC.inputs), inputSchema)
    .filter((i) => roundId === undefined || i.roundId === roundId)
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}

export function writeRound(doc: Y.Doc, round: InputRound): void {
  inputRoundSchema.parse(round); // throws on an invalid round: never store what readers skip
  doc.getMap(INPUTS_DOC.rounds).set(round.id, round);
}

export function writeInput(doc: Y.Doc, input: StakeholderInput): void {
  inputSchema.parse(input);
  doc.getMap(INPUTS_DOC.inputs).set(input.id, input);
}

/** The stakeholder type of an input, from its round. */
export function stakeholderOf(
  rounds: readonly InputRound[],
  input: StakeholderInput,
): Stakeholder | undefined {
  return rounds
    .find((r) => r.id === input.roundId)
    ?.stakeholders.find((s) => s.id === input.stakeholderId);
}

/** Drops every contributor name (for anonymised exports). */
export function dropContributorNames(doc: Y.Doc): void {
  const map = doc.getMap(INPUTS_DOC.inputs);
  for (const [key, value] of [...map.entries()]) {
    if (typeof value !== 'object' || value === null) continue;
    if ((value as { name?: unknown }).name !== null) map.set(key, { ...value, name: null });
  }
}

/** The inputs document of a gathering (server only; see the top of this file). */
export function inputsDocId(workshopId: string): string {
  if (!isValidId(workshopId)) throw new Error(`invalid workshop id: ${workshopId}`);
  return `i.${workshopId}`;
}

/**
 * The inputs that count: the approved ones and the duplicates merged into an approved one
 * (each still from its own stakeholder).
 */
export function countedInputs(all: readonly StakeholderInput[]): StakeholderInput[] {
  const approved = new Set(all.filter((i) => i.status === 'approved').map((i) => i.id));
  return all.filter(
    (i) => approved.has(i.id) || (i.mergedInto !== null && approved.has(i.mergedInto)),
  );
}

const inputText = z.string().check(z.trim(), z.minLength(1), z.maxLength(INPUT_MAX));

/** `POST …/rounds`: opens a round. `stakeholders` are labels; absent: the default list. */
export const openRoundBody = z.object({
  question: z.string().check(z.trim(), z.minLength(1), z.maxLength(QUESTION_MAX)),
  section: z.optional(z.nullable(z.string().check(z.regex(/^[a-z]+(\.[A-Za-z]+)+$/)))),
  stakeholders: z.optional(z.array(label).check(z.minLength(1), z.maxLength(MAX_STAKEHOLDERS))),
  closesAt: z.number(),
});
/** `PATCH …/rounds/<roundId>`: changes a round. */
export const updateRoundBody = z.object({
  question: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(QUESTION_MAX))),
  stakeholders: z.optional(z.array(label).check(z.minLength(1), z.maxLength(MAX_STAKEHOLDERS))),
  closesAt: z.optional(z.number()),
  closed: z.optional(z.boolean()),
  published: z.optional(z.boolean()),
});
/** `POST …/inputs/<inputId>`: approve, hide, or back to pending. */
export const moderateInputBody = z.object({ status: z.enum(INPUT_STATUSES) });
/** `POST …/inputs/<inputId>/merge`: a duplicate merged into another input of the round. */
export const mergeInputBody = z.object({ into: id });
/** `POST …/rounds/<roundId>/place`: approved inputs placed on a board as notes. */
export const placeInputsBody = z.object({
  boardId: id,
  inputIds: z.array(id).check(z.minLength(1), z.maxLength(50)),
});
/** `POST /api/input/<workshopId>/<roundId>`: a contributor's answer (no account). */
export const contributeBody = z.object({
  stakeholderId: id,
  inputs: z.array(inputText).check(z.minLength(1), z.maxLength(MAX_INPUTS_PER_SUBMISSION)),
  name: z.optional(z.string().check(z.trim(), z.maxLength(CONTRIBUTOR_NAME_MAX))),
  /** Left empty by people; a form-filling robot fills it (then nothing is stored). */
  website: z.optional(z.string().check(z.maxLength(200))),
});

/** A round as a contributor's page shows it. */
export interface PublicRound {
  question: string;
  gathering: string;
  stakeholders: { id: string; label: string }[];
  closesAt: number;
  open: boolean;
  locale: string;
}

/** "Dette gjorde vi med innspillene": what came of each approved input. */
export interface RoundOutcome {
  question: string;
  gathering: string;
  locale: string;
  counts: { label: string; count: number }[];
  inputs: {
    text: string;
    stakeholder: string;
    name: string | null;
    measures: { text: string; status: MeasureStatus; due: string }[];
  }[];
}
