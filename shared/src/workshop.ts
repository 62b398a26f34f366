import type * as Y from 'yjs';
import { AGENDA_KEY, type Agenda, agendaSchema, EMPTY_AGENDA } from './agenda.js';
import { LOCALE_IDS } from './locale/messages.js';
import { planSchema, whereIsParticipant } from './market.js';
import { PRESENTATION_KEY, type Presentation, presentationSchema } from './presentation.js';
import { ROLES } from './roles.js';
import {
  ASSIGNMENT_KEY,
  type Assignment,
  assignmentSchema,
  broughtFromSchema,
  SERIES_KEY,
  type SeriesLink,
  seriesLinkSchema,
} from './series.js';
import { templateOptionsSchema } from './templates/future-columns.js';
import { VOTE_KEY, type Vote, voteSchema } from './votes.js';
import { z } from './zod.js';

/**
 * The workshop document (`w.<workshopId>`): control state of a gathering. Only the server
 * writes it (origin `server`), from validated API commands; every member reads it.
 */
export const WORKSHOP_DOC = {
  meta: 'meta',
  groups: 'groups',
  participants: 'participants',
  boards: 'boards',
  phases: 'phases',
  control: 'control',
} as const;

export const MIN_GROUPS = 2;
export const MAX_GROUPS = 12;
export const DEFAULT_GROUP_COUNT = 5;

/** The longest name of anything in a workshop (workshop, group, person, phase, board). */
export const NAME_MAX = 80;
const name = z.string().check(z.trim(), z.minLength(1), z.maxLength(NAME_MAX));

/**
 * A group's board in a phase: "<phase> – <group>". Both parts may be up to `NAME_MAX` long;
 * when together they are longer, the longer part is shortened (with an ellipsis) first, and
 * neither below half of the room, so the board is stored and both names stay recognisable.
 */
export function groupBoardName(phase: string, group: string): string {
  const separator = ' – ';
  const room = NAME_MAX - separator.length;
  if (phase.length + group.length <= room) return `${phase}${separator}${group}`;
  const half = Math.floor(room / 2);
  const phaseRoom = Math.max(half, room - group.length);
  const groupRoom = room - Math.min(phase.length, phaseRoom);
  return `${shorten(phase, phaseRoom)}${separator}${shorten(group, groupRoom)}`;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
const id = z.string().check(z.regex(/^[A-Za-z0-9_-]{4,64}$/));
const title = z.string().check(z.trim(), z.minLength(1), z.maxLength(120));
const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const templateRef = z.string().check(z.maxLength(40));
/** A whole number of ms, zero or more. */
const ms = z.int().check(z.nonnegative());
const area = z.object({
  x: z.number(),
  y: z.number(),
  w: z.number().check(z.positive()),
  h: z.number().check(z.positive()),
});

export const workshopMetaSchema = z.object({
  title,
  date: isoDate,
  ended: z.boolean(),
  allLocked: z.boolean(),
  /**
   * Whether the codes admit new people (a mirror of the server's row, which decides);
   * absent in workshops made before it existed: open.
   */
  joinOpen: z.optional(z.boolean()),
  createdAt: z.number(),
  /**
   * The gathering's written language (chosen in the console): its templates' texts and its
   * reports. Each person's page speaks their own. Absent: Bokmål.
   */
  locale: z.optional(z.enum(LOCALE_IDS)),
  /** Automatic deletion after the gathering (see `retentionDeadline`); absent or null: off. */
  retention: z.optional(
    z.nullable(
      z.object({
        days: z.int().check(z.positive()),
        /** The last day the data is kept (YYYY-MM-DD); deleted after it ends. */
        deleteOn: isoDate,
        /** Server time (ms) from which the workshop is deleted. */
        deleteAfter: z.number(),
      }),
    ),
  ),
});
export type WorkshopMeta = z.infer<typeof workshopMetaSchema>;

export const groupSchema = z.object({ id, name, order: z.int() });
export type Group = z.infer<typeof groupSchema>;

export const participantSchema = z.object({
  id,
  name,
  role: z.enum(ROLES),
  groupId: z.nullable(id),
  joinedAt: z.number(),
});
export type Participant = z.infer<typeof participantSchema>;

export const workshopBoardSchema = z.object({
  id,
  name,
  /** null: a plenary board of the whole workshop. */
  groupId: z.nullable(id),
  phaseId: z.nullable(id),
  template: templateRef,
  archived: z.boolean(),
  locked: z.boolean(),
  createdAt: z.number(),
  /** A copy brought forward from an earlier gathering of the series: the board it copies. */
  broughtFrom: z.optional(broughtFromSchema),
});
export type WorkshopBoard = z.infer<typeof workshopBoardSchema>;

export const phaseSchema = z.object({
  id,
  name,
  template: templateRef,
  order: z.int(),
});
export type Phase = z.infer<typeof phaseSchema>;

/**
 * "Everyone to the new phase" (control key `phaseMove`): the facilitator's command that moves
 * every participant to their group's board of `phaseId`. `seq` counts such commands, so a
 * client acts only on one that arrives while it is open, never on the one it finds on opening
 * (someone who comes later lands on their newest board anyway).
 */
export const phaseMoveSchema = z.object({
  seq: z.int().check(z.gte(1)),
  phaseId: id,
  at: z.number(),
});
export type PhaseMove = z.infer<typeof phaseMoveSchema>;

export const timerSchema = z.object({
  state: z.enum(['idle', 'running', 'paused']),
  durationMs: ms,
  /** When running: the server time it ends. */
  endsAt: z.nullable(z.number()),
  /** When paused: what was left. */
  remainingMs: ms,
});
export type TimerState = z.infer<typeof timerSchema>;

const messageText = z.string().check(z.maxLength(500));
export const messageSchema = z.object({ text: messageText, at: z.number() });
export const bringSchema = z.object({
  boardId: id,
  viewport: z.nullable(area),
  at: z.number(),
});

export const MARKET_ROUND_MS = { min: 30_000, max: 3_600_000, default: 480_000 } as const;
const roundMs = z.int().check(z.gte(MARKET_ROUND_MS.min), z.lte(MARKET_ROUND_MS.max));

/**
 * The market square ("torgmøte"), under the control map's key `market`: the boards of one
 * phase, the plan of rounds (see `market.ts`), who stays home to present, and the round
 * clock. `round` indexes `plan`; while running `endsAt` is the server time the round ends,
 * while paused `remainingMs` is what was left.
 */
export const marketSchema = z.object({
  phaseId: id,
  /** groupId → that group's board in the phase. */
  boardIds: z.record(id, id),
  plan: planSchema,
  /** Participants who stay on their own group's board to present. */
  hostIds: z.array(id),
  roundMs: z._default(roundMs, MARKET_ROUND_MS.default),
  state: z.enum(['setup', 'running', 'paused', 'ended']),
  round: z.int().check(z.nonnegative()),
  endsAt: z.nullable(z.number()),
  remainingMs: ms,
});
export type Market = z.infer<typeof marketSchema>;

export interface WorkshopState {
  meta: WorkshopMeta | null;
  groups: Group[];
  participants: Participant[];
  boards: WorkshopBoard[];
  phases: Phase[];
  message: z.infer<typeof messageSchema> | null;
  timer: TimerState;
  bring: z.infer<typeof bringSchema> | null;
  market: Market | null;
  /** The dot vote (control key `vote`, see `votes.ts`), or null. */
  vote: Vote | null;
  /** The last "everyone to the new phase" (absent in states built by hand, as in tests). */
  phaseMove?: PhaseMove | null;
  /** The plan of the day (control key `agenda`, see `agenda.ts`; absent in hand-built states). */
  agenda?: Agenda;
  /** The board presented to everyone (control key `presentation`, see `presentation.ts`). */
  presentation?: Presentation | null;
  /** The series this gathering belongs to (control key `series`, see `series.ts`), or null. */
  series?: SeriesLink | null;
  /** "Oppdrag til neste samling" (control key `assignment`), or null. */
  assignment?: Assignment | null;
}

export const IDLE_TIMER: TimerState = {
  state: 'idle',
  durationMs: 0,
  endsAt: null,
  remainingMs: 0,
};

/** The values of a map that fit the schema (the others are skipped, as readers do). */
export function readMap<T>(map: Y.Map<unknown>, schema: z.ZodMiniType<T>): T[] {
  const out: T[] = [];
  for (const v of map.values()) {
    const r = schema.safeParse(v);
    if (r.success) out.push(r.data);
  }
  return out;
}

/** Reads the whole workshop state, validated (what the UI and the access rules use). */
export function readWorkshop(doc: Y.Doc): WorkshopState {
  const control = doc.getMap(WORKSHOP_DOC.control);
  const meta = workshopMetaSchema.safeParse(doc.getMap(WORKSHOP_DOC.meta).toJSON());
  const message = messageSchema.safeParse(control.get('message'));
  const timer = timerSchema.safeParse(control.get('timer'));
  const bring = bringSchema.safeParse(control.get('bring'));
  const market = marketSchema.safeParse(control.get('market'));
  const vote = voteSchema.safeParse(control.get(VOTE_KEY));
  const phaseMove = phaseMoveSchema.safeParse(control.get('phaseMove'));
  const presentation = presentationSchema.safeParse(control.get(PRESENTATION_KEY));
  const series = seriesLinkSchema.safeParse(control.get(SERIES_KEY));
  const assignment = assignmentSchema.safeParse(control.get(ASSIGNMENT_KEY));
  return {
    meta: meta.success ? meta.data : null,
    groups: readMap(doc.getMap(WORKSHOP_DOC.groups), groupSchema).sort((a, b) => a.order - b.order),
    participants: readMap(doc.getMap(WORKSHOP_DOC.participants), participantSchema).sort(
      (a, b) => a.joinedAt - b.joinedAt,
    ),
    boards: readMap(doc.getMap(WORKSHOP_DOC.boards), workshopBoardSchema).sort(
      (a, b) => a.createdAt - b.createdAt,
    ),
    phases: readMap(doc.getMap(WORKSHOP_DOC.phases), phaseSchema).sort((a, b) => a.order - b.order),
    message: message.success && message.data.text ? message.data : null,
    timer: timer.success ? timer.data : IDLE_TIMER,
    bring: bring.success ? bring.data : null,
    market: market.success ? market.data : null,
    vote: vote.success ? vote.data : null,
    phaseMove: phaseMove.success ? phaseMove.data : null,
    agenda: readAgenda(doc),
    presentation: presentation.success ? presentation.data : null,
    series: series.success ? series.data : null,
    assignment: assignment.success && assignment.data.text ? assignment.data : null,
  };
}

/** The workshop document's plan of the day, validated; the empty plan when there is none. */
export function readAgenda(doc: Y.Doc): Agenda {
  const agenda = agendaSchema.safeParse(doc.getMap(WORKSHOP_DOC.control).get(AGENDA_KEY));
  return agenda.success ? agenda.data : EMPTY_AGENDA;
}

/**
 * The board a participant should be on now: while a market is running or paused, the board
 * of the group `whereIsParticipant` names for the current round (a host stays on the own
 * group's board); otherwise — no market, set up but not started, ended, or no group — null.
 */
export function visitingBoard(state: WorkshopState, participantId: string): string | null {
  const m = state.market;
  if (!m || (m.state !== 'running' && m.state !== 'paused')) return null;
  const p = state.participants.find((x) => x.id === participantId);
  if (p?.role !== 'participant') return null;
  const groupId = whereIsParticipant(m.plan, m.round, p, new Set(m.hostIds));
  return groupId ? (m.boardIds[groupId] ?? null) : null;
}

export function defaultGroupNames(count: number, label: (n: number) => string): string[] {
  return Array.from({ length: count }, (_, i) => label(i + 1));
}

// --- API request bodies, shared by the server (validation) and the client (typing) ---

export const createWorkshopBody = z.object({
  title,
  date: isoDate,
  groups: z.array(name).check(z.minLength(MIN_GROUPS), z.maxLength(MAX_GROUPS)),
  facilitatorName: name,
});
export const joinBody = z.object({
  code: z.string().check(z.maxLength(20)),
  name,
  groupId: z.optional(z.nullable(id)),
});
export const renameBody = z.object({ name });
/** `{ boardId, name }`: the board to save as a template and the template's name. */
export const saveTemplateBody = z.object({ boardId: id, name });
export const moveParticipantBody = z.object({ groupId: z.nullable(id) });
export const newPhaseBody = z.object({
  name,
  /** A built-in template id, or `saved:<templateId>`. */
  template: z._default(z.string().check(z.maxLength(80)), 'blank'),
  options: z.optional(templateOptionsSchema),
  plenary: z._default(z.boolean(), false),
  /**
   * Move every participant to their group's new board at once (the console's default); false
   * (and for clients that do not send it) leaves them where they are with a link to it.
   */
  moveEveryone: z._default(z.boolean(), false),
});
export const updateBoardBody = z.object({
  name: z.optional(name),
  archived: z.optional(z.boolean()),
  locked: z.optional(z.boolean()),
});
export const lockAllBody = z.object({ locked: z.boolean() });
/** Opens or closes joining with the workshop's codes. */
export const joiningBody = z.object({ open: z.boolean() });
/**
 * New codes: the join code and the observer code unless one is `false`; `signOut` also signs
 * out everyone who joined (participants and observers; facilitators stay).
 */
export const rotateCodesBody = z
  .object({
    join: z._default(z.boolean(), true),
    observer: z._default(z.boolean(), true),
    signOut: z._default(z.boolean(), false),
  })
  .check(
    z.refine((b) => b.join || b.observer, {
      message: 'rotate the join code, the observer code or both',
    }),
  );
/** The choices of "delete the workshop N days after the gathering". */
export const RETENTION_DAYS = [30, 90, 180, 365] as const;
export type RetentionDays = (typeof RETENTION_DAYS)[number];
/** `days: null` turns automatic deletion off. */
export const retentionBody = z.object({
  days: z.nullable(z.union(RETENTION_DAYS.map((d) => z.literal(d)))),
});
/** `{ locale }`: the gathering's written language (templates and reports). */
export const gatheringLocaleBody = z.object({ locale: z.enum(LOCALE_IDS) });

/**
 * When a workshop gathered on `date` (YYYY-MM-DD) is deleted with a retention of `days`: the
 * last day kept is `date + days`, and deletion may happen from the end of that day. The end
 * is taken at UTC−12 (the last time zone to finish the day), so the data never goes before
 * the day is over wherever the facilitator is.
 */
export function retentionDeadline(
  date: string,
  days: number,
): { deleteOn: string; deleteAfter: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  const lastDay = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days);
  const deleteOn = new Date(lastDay).toISOString().slice(0, 10);
  return { deleteOn, deleteAfter: lastDay + 36 * 3600_000 };
}
export const messageBody = z.object({ text: messageText });
export const timerBody = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('start'),
    durationMs: z.int().check(z.gte(1000), z.lte(6 * 3600_000)),
  }),
  z.object({ action: z.literal('pause') }),
  z.object({ action: z.literal('resume') }),
  z.object({ action: z.literal('add'), ms: z.int().check(z.gte(-3600_000), z.lte(3600_000)) }),
  z.object({ action: z.literal('reset') }),
]);
export type TimerCommand = z.infer<typeof timerBody>;
export const marketSetupBody = z.object({
  phaseId: id,
  /** Default: round-robin over the groups with a board in the phase, in group order. */
  plan: z.optional(planSchema),
  hostIds: z.optional(z.array(id).check(z.maxLength(200))),
  roundMs: z.optional(roundMs),
});
export const marketCommandBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('start') }),
  z.object({ action: z.literal('pause') }),
  z.object({ action: z.literal('resume') }),
  z.object({ action: z.literal('extend'), ms: z.int().check(z.gte(1000), z.lte(3600_000)) }),
  z.object({ action: z.literal('next') }),
  z.object({ action: z.literal('end') }),
]);
export type MarketCommand = z.infer<typeof marketCommandBody>;
/** Who stays home to present for a group (null: nobody); see the market service. */
export const marketHostBody = z.object({ groupId: id, participantId: z.nullable(id) });
export type MarketHost = z.infer<typeof marketHostBody>;
export type MarketSetup = z.infer<typeof marketSetupBody>;

export const bringBody = z.object({ boardId: id, viewport: z.nullable(area) });

/** A schema of the shared kind (zod), for packages that validate with them without importing zod. */
export type Schema<T> = z.ZodMiniType<T>;
