import type * as Y from 'yjs';
import { AGENDA_KEY, type Agenda, agendaSchema } from './agenda.js';
import { PRESENTATION_KEY, type Presentation, presentationSchema } from './presentation.js';
import {
  ASSIGNMENT_KEY,
  type Assignment,
  assignmentSchema,
  SERIES_KEY,
  type SeriesLink,
  seriesLinkSchema,
} from './series.js';
import { VOTE_KEY, type Vote, voteSchema } from './votes.js';
import {
  bringSchema,
  type Group,
  groupSchema,
  type Market,
  marketSchema,
  messageSchema,
  type Participant,
  type Phase,
  type PhaseMove,
  participantSchema,
  phaseMoveSchema,
  phaseSchema,
  type TimerState,
  timerSchema,
  WORKSHOP_DOC,
  type WorkshopBoard,
  type WorkshopMeta,
  workshopBoardSchema,
  workshopMetaSchema,
} from './workshop.js';
import { z } from './zod.js';

/**
 * The typed writers of the workshop document (`w.<workshopId>`), next to its reader
 * (`readWorkshop` in `workshop.ts`): the only code that names its maps and control keys for
 * writing. Each writer checks the value with the schema the reader uses and throws on an
 * invalid one, so the server can never store what every client would then ignore.
 *
 * The value is stored as given (not the schema's parsed copy), so documents keep exactly the
 * bytes they had before these writers existed. Call them inside one `doc.transact` (the
 * server's `room.transact`): they do not open transactions of their own.
 */

function checked<T>(schema: z.ZodMiniType<unknown>, value: T): T {
  schema.parse(value);
  return value;
}

const metaPatchSchema = z.partial(workshopMetaSchema);

/** Sets the given meta fields (title, date, ended, allLocked, joinOpen, createdAt, retention). */
export function writeMeta(doc: Y.Doc, patch: Partial<WorkshopMeta>): void {
  checked(metaPatchSchema, patch);
  const meta = doc.getMap(WORKSHOP_DOC.meta);
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) meta.set(key, value);
}

export function writeGroup(doc: Y.Doc, group: Group): void {
  doc.getMap(WORKSHOP_DOC.groups).set(group.id, checked(groupSchema, group));
}

export function writeParticipant(doc: Y.Doc, participant: Participant): void {
  doc
    .getMap(WORKSHOP_DOC.participants)
    .set(participant.id, checked(participantSchema, participant));
}

export function writeBoard(doc: Y.Doc, board: WorkshopBoard): void {
  doc.getMap(WORKSHOP_DOC.boards).set(board.id, checked(workshopBoardSchema, board));
}

export function writePhase(doc: Y.Doc, phase: Phase): void {
  doc.getMap(WORKSHOP_DOC.phases).set(phase.id, checked(phaseSchema, phase));
}

/** "Everyone to the new phase": the command clients act on when its `seq` is new to them. */
export function writePhaseMove(doc: Y.Doc, move: PhaseMove): void {
  doc.getMap(WORKSHOP_DOC.control).set('phaseMove', checked(phaseMoveSchema, move));
}

export function writeTimer(doc: Y.Doc, timer: TimerState): void {
  doc.getMap(WORKSHOP_DOC.control).set('timer', checked(timerSchema, timer));
}

export function writeMarket(doc: Y.Doc, market: Market): void {
  doc.getMap(WORKSHOP_DOC.control).set('market', checked(marketSchema, market));
}

/** The facilitator's message to everyone (an empty text reads as no message). */
export function writeMessage(doc: Y.Doc, message: z.infer<typeof messageSchema>): void {
  doc.getMap(WORKSHOP_DOC.control).set('message', checked(messageSchema, message));
}

/** "Bring everyone here": a board and optionally a viewport. */
export function writeBring(doc: Y.Doc, bring: z.infer<typeof bringSchema>): void {
  doc.getMap(WORKSHOP_DOC.control).set('bring', checked(bringSchema, bring));
}

export function writeVote(doc: Y.Doc, vote: Vote): void {
  doc.getMap(WORKSHOP_DOC.control).set(VOTE_KEY, checked(voteSchema, vote));
}

/**
 * Renames every participant record (for anonymised exports): its `name` becomes
 * `rename(its id)`, or '' without an id. Every object record, also one the reader would skip,
 * so no real name is left anywhere in the document.
 */
export function renameParticipants(doc: Y.Doc, rename: (participantId: string) => string): void {
  const map = doc.getMap(WORKSHOP_DOC.participants);
  for (const [key, value] of [...map.entries()]) {
    if (typeof value !== 'object' || value === null) continue;
    const record = value as Record<string, unknown>;
    map.set(key, { ...record, name: typeof record.id === 'string' ? rename(record.id) : '' });
  }
}

/** The plan of the day (see `agenda.ts`). */
export function writeAgenda(doc: Y.Doc, agenda: Agenda): void {
  doc.getMap(WORKSHOP_DOC.control).set(AGENDA_KEY, checked(agendaSchema, agenda));
}

/** The presentation shown to everyone, or null when none runs (see `presentation.ts`). */
export function writePresentation(doc: Y.Doc, presentation: Presentation | null): void {
  const control = doc.getMap(WORKSHOP_DOC.control);
  if (presentation === null) control.delete(PRESENTATION_KEY);
  else control.set(PRESENTATION_KEY, checked(presentationSchema, presentation));
}

/** The series the gathering belongs to, or null when it leaves it (see `series.ts`). */
export function writeSeries(doc: Y.Doc, series: SeriesLink | null): void {
  const control = doc.getMap(WORKSHOP_DOC.control);
  if (series === null) control.delete(SERIES_KEY);
  else control.set(SERIES_KEY, checked(seriesLinkSchema, series));
}

/** "Oppdrag til neste samling" (an empty text reads as none). */
export function writeAssignment(doc: Y.Doc, assignment: Assignment): void {
  doc.getMap(WORKSHOP_DOC.control).set(ASSIGNMENT_KEY, checked(assignmentSchema, assignment));
}
