import {
  boardDocId,
  countedInputs,
  DEFAULT_LOCALE,
  DEFAULT_STAKEHOLDERS,
  type InputRound,
  type InputStatus,
  inputsDocId,
  isRoundOpen,
  type Locale,
  MAX_INPUT_ROUNDS,
  MAX_INPUTS_PER_ROUND,
  MAX_ROUND_DAYS,
  newId,
  ORIGIN_SERVER,
  type PublicRound,
  readAllShapes,
  readInputs,
  readRounds,
  STICKY_COLORS,
  type Stakeholder,
  type StakeholderInput,
  type StickyColor,
  stakeholderOf,
  translate,
  writeInput,
  writeRound,
  writeShapes,
} from '@torg/shared';
import type * as Y from 'yjs';
import type { Coordinator } from '../cluster/coordinator.js';
import { CommandError } from '../errors.js';
import { RateLimiter } from '../security/rate-limit.js';
import type { DocRegistry } from '../sync/doc-registry.js';
import { placeNotes } from './input-placement.js';
import { assertNotEnded, changeGatheringDoc, type WorkshopDocs } from './workshop-state.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const noRound = () => new CommandError(404, 'not_found', 'no such round');

/** A round with its inputs, as the facilitator's moderation view gets it. */
export interface RoundWithInputs extends InputRound {
  inputs: StakeholderInput[];
}

/**
 * Input rounds ("innspillsrunde", see `shared/src/stakeholder-input.ts`): the facilitator's
 * commands (open, change, close, moderate, merge, place on a board) and the contributors'
 * (read the question, answer it). Every change goes through `change`: one at a time per
 * gathering, in a cluster on the stored state.
 *
 * Contributions come from the open internet without an account, so besides the edge's
 * per-address budget each round has limits of its own: per address and round, per round
 * overall, and a cap on how many inputs a round ever takes. A robot that fills the hidden
 * field is answered as if it succeeded and nothing is stored; so is an exact repeat.
 */
export class InputRounds {
  /** Submissions per address and round: 5 at once, then one a minute. */
  private readonly perAddress = new RateLimiter({ burst: 5, perSecond: 1 / 60 });
  /** Submissions per round from everyone: a meeting's worth at once, then 2/s. */
  private readonly perRound = new RateLimiter({ burst: 300, perSecond: 2 });

  constructor(
    private readonly registry: DocRegistry,
    private readonly coordinator: Coordinator,
    private readonly docs: WorkshopDocs,
    private readonly now: () => number = Date.now,
  ) {}

  /** Opens a round; `stakeholders` are labels (absent: the default list in `locale`). */
  async open(
    workshopId: string,
    input: {
      question: string;
      section?: string | null | undefined;
      stakeholders?: string[] | undefined;
      closesAt: number;
    },
  ): Promise<InputRound> {
    const state = await this.docs.state(workshopId);
    if (!state.meta) throw new CommandError(404, 'not_found', 'no such workshop');
    const locale = state.meta.locale ?? DEFAULT_LOCALE;
    const now = this.now();
    checkCloses(input.closesAt, now);
    const round: InputRound = {
      id: newId(16),
      question: input.question,
      section: input.section ?? null,
      stakeholders: input.stakeholders
        ? stakeholdersFrom(input.stakeholders, [])
        : defaultStakeholders(locale),
      closesAt: input.closesAt,
      closed: false,
      published: false,
      createdAt: now,
    };
    return this.change(workshopId, (doc) => {
      if (readRounds(doc).length >= MAX_INPUT_ROUNDS)
        throw new CommandError(
          409,
          'too_many_rounds',
          `a gathering opens at most ${MAX_INPUT_ROUNDS} rounds`,
        );
      writeRound(doc, round);
      return round;
    });
  }

  /** Changes a round: question, stakeholder types, closing time, closed, published. */
  async update(
    workshopId: string,
    roundId: string,
    patch: {
      question?: string | undefined;
      stakeholders?: string[] | undefined;
      closesAt?: number | undefined;
      closed?: boolean | undefined;
      published?: boolean | undefined;
    },
  ): Promise<InputRound> {
    return this.change(workshopId, (doc) => {
      const round = readRounds(doc).find((r) => r.id === roundId);
      if (!round) throw noRound();
      if (patch.closesAt !== undefined) checkCloses(patch.closesAt, this.now(), round.createdAt);
      let stakeholders = round.stakeholders;
      if (patch.stakeholders) {
        stakeholders = stakeholdersFrom(patch.stakeholders, round.stakeholders);
        const kept = new Set(stakeholders.map((s) => s.id));
        if (readInputs(doc, roundId).some((i) => !kept.has(i.stakeholderId)))
          throw new CommandError(
            409,
            'stakeholder_in_use',
            'a stakeholder type with inputs cannot be removed',
          );
      }
      const next: InputRound = {
        ...round,
        question: patch.question ?? round.question,
        stakeholders,
        closesAt: patch.closesAt ?? round.closesAt,
        closed: patch.closed ?? round.closed,
        published: patch.published ?? round.published,
      };
      writeRound(doc, next);
      return next;
    });
  }

  /** Every round with its inputs (the facilitator's view). */
  async list(workshopId: string): Promise<RoundWithInputs[]> {
    return this.read(workshopId, (doc) => {
      const inputs = readInputs(doc);
      return readRounds(doc).map((r) => ({
        ...r,
        inputs: inputs.filter((i) => i.roundId === r.id),
      }));
    });
  }

  /** The rounds and inputs of a gathering as they are (for the report and the outcome page). */
  async read<T>(workshopId: string, fn: (doc: Y.Doc) => T): Promise<T> {
    return this.registry.withRoom(inputsDocId(workshopId), (room) => fn(room.doc));
  }

  /** Approve, hide, or back to pending. A merged duplicate stays hidden. */
  async moderate(workshopId: string, inputId: string, status: InputStatus) {
    return this.change(workshopId, (doc) => {
      const input = readInputs(doc).find((i) => i.id === inputId);
      if (!input) throw new CommandError(404, 'not_found', 'no such input');
      if (input.mergedInto && status !== 'hidden')
        throw new CommandError(409, 'merged', 'a merged duplicate stays hidden');
      const next = { ...input, status };
      writeInput(doc, next);
      return next;
    });
  }

  /**
   * Merges a duplicate into another input of the same round: hidden, and counted with the
   * other (its own duplicates move along, so a merge never chains).
   */
  async merge(workshopId: string, inputId: string, intoId: string) {
    if (inputId === intoId) throw new CommandError(400, 'invalid_body', 'into: another input');
    return this.change(workshopId, (doc) => {
      const inputs = readInputs(doc);
      const input = inputs.find((i) => i.id === inputId);
      const into = inputs.find((i) => i.id === intoId);
      if (!input || !into) throw new CommandError(404, 'not_found', 'no such input');
      if (input.roundId !== into.roundId || into.mergedInto)
        throw new CommandError(
          409,
          'not_mergeable',
          'merge into an input of the same round that is no duplicate itself',
        );
      writeInput(doc, { ...input, status: 'hidden', mergedInto: into.id });
      for (const other of inputs)
        if (other.mergedInto === input.id) writeInput(doc, { ...other, mergedInto: into.id });
      return { ...into };
    });
  }

  /**
   * Places approved inputs on a board of the gathering as notes in their stakeholder's colour,
   * tagged with the stakeholder type: in the round's section when the board has it, else to
   * the right of what is there. Each input remembers the note it became.
   */
  async place(workshopId: string, roundId: string, boardId: string, inputIds: readonly string[]) {
    const state = await this.docs.state(workshopId);
    const board = state.boards.find((b) => b.id === boardId);
    if (!board) throw new CommandError(404, 'not_found', 'no such board');
    // The boards of an ended gathering are as it left them; an archived board is put away.
    assertNotEnded(state);
    if (board.archived) throw new CommandError(409, 'board_archived', 'the board is archived');
    // The board is written inside the inputs' lock: two placements never overlap their notes.
    return this.registry.withRoom(boardDocId(boardId), (boardRoom) =>
      this.change(workshopId, (doc) => {
        const round = readRounds(doc).find((r) => r.id === roundId);
        if (!round) throw noRound();
        const inputs = readInputs(doc, roundId);
        const chosen = inputIds.map((id) => {
          const input = inputs.find((i) => i.id === id);
          if (!input) throw new CommandError(404, 'not_found', `no input ${id} in this round`);
          if (input.status !== 'approved')
            throw new CommandError(409, 'not_approved', 'only approved inputs are placed');
          return input;
        });
        const notes = placeNotes(readAllShapes(boardRoom.doc), round, chosen);
        boardRoom.transact((board) => writeShapes(board, notes, ORIGIN_SERVER));
        chosen.forEach((input, i) => {
          const note = notes[i];
          if (!note || input.placed.length >= 40) return;
          writeInput(doc, { ...input, placed: [...input.placed, { boardId, shapeId: note.id }] });
        });
        return { shapeIds: notes.map((n) => n.id) };
      }),
    );
  }

  /** The round as a contributor sees it; 404 for an unknown gathering or round. */
  async publicRound(workshopId: string, roundId: string): Promise<PublicRound> {
    const state = await this.docs.state(workshopId);
    if (!state.meta) throw noRound();
    const round = await this.read(workshopId, (doc) =>
      readRounds(doc).find((r) => r.id === roundId),
    );
    if (!round) throw noRound();
    return {
      question: round.question,
      gathering: state.meta.title,
      stakeholders: round.stakeholders.map((s) => ({ id: s.id, label: s.label })),
      closesAt: round.closesAt,
      open: isRoundOpen(round, this.now()),
      locale: state.meta.locale ?? DEFAULT_LOCALE,
    };
  }

  /**
   * A contributor's answer: one or more inputs from one stakeholder type, pending until the
   * facilitator approves them. 409 `round_closed` after it closes, 409 `round_full` at the
   * cap, 429 `too_fast` beyond the round's limits; nothing is stored then.
   */
  async contribute(
    workshopId: string,
    roundId: string,
    answer: {
      stakeholderId: string;
      inputs: string[];
      name?: string | undefined;
      website?: string | undefined;
    },
    address: string,
  ): Promise<{ received: number }> {
    const received = { received: answer.inputs.length };
    const state = await this.docs.state(workshopId);
    if (!state.meta) throw noRound();
    const addressKey = `${roundId}|${address}`;
    return this.change(workshopId, (doc) => {
      const round = readRounds(doc).find((r) => r.id === roundId);
      if (!round) throw noRound();
      if (!isRoundOpen(round, this.now()))
        throw new CommandError(409, 'round_closed', 'this round takes no more input');
      if (!round.stakeholders.some((s) => s.id === answer.stakeholderId))
        throw new CommandError(400, 'invalid_body', 'stakeholderId: not one of this round');
      if (!this.perAddress.allows(addressKey) || !this.perRound.allows(roundId))
        throw new CommandError(429, 'too_fast', 'too many answers at once; try again in a minute');
      this.perAddress.charge(addressKey);
      this.perRound.charge(roundId);
      // A robot filled the field people never see: answered alike, nothing kept.
      if (answer.website) return received;
      const existing = readInputs(doc, roundId);
      const seen = new Set(existing.map((i) => normalised(i.text)));
      const fresh = answer.inputs.filter((text) => {
        const key = normalised(text);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      if (existing.length + fresh.length > MAX_INPUTS_PER_ROUND)
        throw new CommandError(409, 'round_full', 'this round has all the input it can take');
      const name = answer.name?.trim() || null;
      const at = this.now();
      for (const text of fresh)
        writeInput(doc, {
          id: newId(),
          roundId,
          stakeholderId: answer.stakeholderId,
          text,
          name,
          at,
          status: 'pending',
          mergedInto: null,
          placed: [],
        });
      return received;
    });
  }

  /** Inputs that count per stakeholder label over these gatherings' rounds (`countedInputs`). */
  async counts(workshopIds: readonly string[]): Promise<{ label: string; count: number }[]> {
    const counts = new Map<string, number>();
    for (const workshopId of workshopIds)
      await this.read(workshopId, (doc) => {
        const rounds = readRounds(doc);
        for (const input of countedInputs(readInputs(doc))) {
          const label = stakeholderOf(rounds, input)?.label;
          if (label) counts.set(label, (counts.get(label) ?? 0) + 1);
        }
      });
    return [...counts].map(([label, count]) => ({ label, count }));
  }

  private change<T>(workshopId: string, fn: (doc: Y.Doc) => T): Promise<T> {
    return changeGatheringDoc(this.registry, this.coordinator, workshopId, fn);
  }
}

/** A round closes from 5 minutes from now to `MAX_ROUND_DAYS` after it was opened. */
function checkCloses(closesAt: number, now: number, openedAt = now): void {
  if (closesAt < now + 5 * MINUTE || closesAt > openedAt + MAX_ROUND_DAYS * DAY)
    throw new CommandError(
      400,
      'invalid_body',
      `closesAt: from 5 minutes from now to ${MAX_ROUND_DAYS} days after the round opened`,
    );
}

/** The default stakeholder types in the gathering's language. */
function defaultStakeholders(locale: Locale): Stakeholder[] {
  return DEFAULT_STAKEHOLDERS.map((s) => ({
    id: newId(),
    label: translate(locale, `input.stakeholder.${s.key}`),
    color: s.color,
  }));
}

/** The colours new stakeholder types get, in turn: the default list's first, then the rest. */
const STAKEHOLDER_COLORS: readonly StickyColor[] = [
  ...DEFAULT_STAKEHOLDERS.map((s) => s.color),
  ...STICKY_COLORS.filter((c) => !DEFAULT_STAKEHOLDERS.some((s) => s.color === c)),
];

/**
 * A list of labels as stakeholder types: a label already there keeps its id and colour (its
 * inputs stay its own); a new one gets the first colour no other type has (the default list,
 * typed in its order, gets the default colours). Repeated labels count once.
 */
function stakeholdersFrom(
  labels: readonly string[],
  existing: readonly Stakeholder[],
): Stakeholder[] {
  const key = (label: string) => label.toLowerCase();
  const wanted = labels.filter((l, i) => labels.findIndex((o) => key(o) === key(l)) === i);
  const kept = existing.filter((s) => wanted.some((l) => key(l) === key(s.label)));
  const used = new Set(kept.map((s) => s.color));
  return wanted.map((label, i) => {
    const same = kept.find((s) => key(s.label) === key(label));
    if (same) return { ...same, label };
    // Past eight types, colours repeat in turn.
    const color =
      STAKEHOLDER_COLORS.find((c) => !used.has(c)) ??
      STAKEHOLDER_COLORS[i % STAKEHOLDER_COLORS.length] ??
      'grey';
    used.add(color);
    return { id: newId(), label, color };
  });
}

function normalised(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}
