import { type Presentation, type WorkshopState, writePresentation } from '@torg/shared';
import type { Identity } from '../auth/tokens.js';
import { CommandError } from '../errors.js';
import { RateLimiter } from '../security/rate-limit.js';
import type { TimerService } from './timer.js';
import { assertNotEnded, type WorkshopDocs } from './workshop-state.js';

/**
 * Section changes a workshop's presenters may make: a person steps through slides a few times
 * a minute; a script clicking "next" in a loop would send a change to every screen in the room.
 */
const SECTION_CHANGES = { burst: 20, perSecond: 2 } as const;

/**
 * Presentation mode (control key `presentation`; the model is `@torg/shared`'s
 * `presentation.ts`): the facilitator presents a board (or starts a round through the groups'
 * boards); the facilitator or a member of the presenting group steps through its sections;
 * the facilitator ends it or moves the round to the next group.
 */
export class PresentationService {
  private readonly sectionChanges = new RateLimiter(SECTION_CHANGES);

  constructor(
    private readonly docs: WorkshopDocs,
    private readonly timer: TimerService,
  ) {}

  /** Presents one board of the workshop to everyone, from its whole view (the facilitator). */
  async present(workshopId: string, boardId: string): Promise<Presentation> {
    return this.docs.change(workshopId, (doc, state) => {
      assertNotEnded(state);
      const board = boardOf(state, boardId);
      const shown: Presentation = {
        boardId,
        groupId: board.groupId,
        frameId: null,
        seq: nextSeq(state),
        round: null,
      };
      writePresentation(doc, shown);
      return shown;
    });
  }

  /**
   * A round through `boardIds` in turn, `turnMs` each (a "Presentasjonsrunde" step): the first
   * board presented and its countdown started.
   */
  async startRound(workshopId: string, boardIds: string[], turnMs: number): Promise<void> {
    await this.docs.change(workshopId, (doc, state) => {
      assertNotEnded(state);
      const board = boardOf(state, boardIds[0] ?? '');
      writePresentation(doc, {
        boardId: board.id,
        groupId: board.groupId,
        frameId: null,
        seq: nextSeq(state),
        round: { boards: boardIds, turn: 0, turnMs },
      });
    });
    await this.timer.command(workshopId, { action: 'start', durationMs: turnMs });
  }

  /** The next group's turn in a round (its countdown started); after the last, the end. */
  async nextTurn(workshopId: string): Promise<Presentation | null> {
    const next = await this.docs.change(workshopId, (doc, state) => {
      assertNotEnded(state);
      const now = state.presentation;
      if (!now?.round)
        throw new CommandError(409, 'no_presentation_round', 'no presentation round runs');
      const turn = now.round.turn + 1;
      const boardId = now.round.boards[turn];
      if (boardId === undefined) {
        writePresentation(doc, null);
        return null;
      }
      const board = boardOf(state, boardId);
      const shown: Presentation = {
        boardId,
        groupId: board.groupId,
        frameId: null,
        seq: nextSeq(state),
        round: { ...now.round, turn },
      };
      writePresentation(doc, shown);
      return shown;
    });
    if (next?.round)
      await this.timer.command(workshopId, { action: 'start', durationMs: next.round.turnMs });
    return next;
  }

  /**
   * Shows a section (a frame of the presented board, or null for the whole board). The
   * facilitator or a member of the presenting group; `seq` is the presentation they saw.
   */
  async show(identity: Identity, seq: number, frameId: string | null): Promise<Presentation> {
    const { workshopId } = identity;
    return this.docs.change(workshopId, (doc, state) => {
      const now = state.presentation;
      if (!now) throw new CommandError(409, 'no_presentation', 'nothing is being presented');
      if (!mayPresent(state, identity, now))
        throw new CommandError(403, 'forbidden', 'only the presenters step the sections');
      if (now.seq !== seq)
        throw new CommandError(409, 'presentation_moved', 'the presentation moved meanwhile');
      if (!this.sectionChanges.tryTake(workshopId))
        throw new CommandError(429, 'too_fast', 'the sections change too fast');
      const shown = { ...now, frameId, seq: now.seq + 1 };
      writePresentation(doc, shown);
      return shown;
    });
  }

  /** Ends the presentation (and a round): everyone's view is their own again. */
  async stop(workshopId: string): Promise<void> {
    await this.docs.change(workshopId, (doc, state) => {
      if (state.presentation) writePresentation(doc, null);
    });
  }
}

/** The facilitator, or a participant of the presenting group. */
export function mayPresent(state: WorkshopState, identity: Identity, shown: Presentation): boolean {
  if (identity.role === 'facilitator') return true;
  if (identity.role !== 'participant' || shown.groupId === null) return false;
  const me = state.participants.find((p) => p.id === identity.participantId);
  return me?.groupId === shown.groupId;
}

function boardOf(state: WorkshopState, boardId: string) {
  const board = state.boards.find((b) => b.id === boardId);
  if (!board) throw new CommandError(404, 'not_found', 'no such board');
  return board;
}

/**
 * A new presentation's number: the clock, and above the last one's, so a page that saw an
 * earlier presentation (since ended) never mistakes a new one for it.
 */
function nextSeq(state: WorkshopState): number {
  return Math.max(Date.now(), (state.presentation?.seq ?? 0) + 1);
}
