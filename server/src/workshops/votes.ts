import {
  ballotNotes,
  ballotsDocId,
  boardDocId,
  commentsDocId,
  type Dot,
  deleteDot,
  getShape,
  mayReadResults,
  newId,
  readAllShapes,
  readDots,
  readWorkshop,
  replaceDots,
  type Shape,
  type StartVote,
  tally,
  VOTE_BALLOT,
  VOTE_DOTS,
  type Vote,
  type VoteBallot,
  type VoteRefusal,
  type VoteResults,
  voteRefusal,
  type WorkshopState,
  workshopDocId,
  writeDot,
  writeVote,
} from '@torg/shared';
import type * as Y from 'yjs';
import type { Identity } from '../auth/tokens.js';
import { type Coordinator, LocalCoordinator } from '../cluster/coordinator.js';
import { CommandError, type RefusalStatus } from '../errors.js';
import type { Logger } from '../logger.js';
import { derived } from '../sync/derived.js';
import type { DocRegistry } from '../sync/doc-registry.js';
import type { Room } from '../sync/room.js';
import { assertNotEnded } from './workshop-state.js';

/** The text a result line shows for a shape: its text, a frame's name, else empty. */
function shapeText(shape: Shape | null): string {
  if (!shape) return '';
  if ('text' in shape && typeof shape.text === 'string') return shape.text;
  if ('name' in shape && typeof shape.name === 'string') return shape.name;
  return '';
}

/** A participant's own dots in the current vote, and how many are left. */
export interface MyDots {
  voteId: string;
  left: number;
  dots: Dot[];
}

/**
 * Dot voting: the facilitator starts, closes and reveals a vote (control key `vote` in the
 * workshop document); participants place and remove dots (the `dots` map of each board's
 * server-only ballots document; `publish` copies them into the comments document while
 * participants may see the results). Every command of a workshop runs under one lock (across
 * servers in a cluster), so the budget check and the write are atomic even though loading
 * documents awaits.
 */
/** How each refusal of the shared rule (`voteRefusal`) is answered. */
const VOTE_REFUSALS: Record<VoteRefusal, [RefusalStatus, string]> = {
  workshop_ended: [409, 'the workshop has ended'],
  forbidden: [403, 'only participants vote'],
  not_found: [404, 'no such board'],
  no_vote: [409, 'no vote is open on this board'],
};

export class VoteService {
  constructor(
    private readonly registry: DocRegistry,
    private readonly logger: Logger,
    private readonly coordinator: Coordinator = new LocalCoordinator(),
  ) {}

  /**
   * Runs `fn` alone among the workshop's vote commands, on every server. In a cluster the
   * documents it reads are caught up from storage first and its writes stored before the
   * next command runs, so a budget check sees every dot placed through any server.
   */
  private async locked<T>(workshopId: string, fn: () => Promise<T>): Promise<T> {
    return this.coordinator.exclusive(`votes:${workshopId}`, async () => {
      const result = await fn();
      if (this.coordinator.clustered) await this.registry.flush();
      return result;
    });
  }

  /**
   * Runs `fn` with a document's room, caught up first in a cluster (votes run under their own
   * lock, on the stored state); changes go through `room.transact`.
   */
  private withRoom<T>(docId: string, fn: (room: Room) => T): Promise<T> {
    return this.registry.withRoom(docId, async (room) => {
      if (this.coordinator.clustered) await this.registry.refresh(room);
      return fn(room);
    });
  }

  private withDoc<T>(docId: string, fn: (doc: Y.Doc) => T): Promise<T> {
    return this.withRoom(docId, (room) => fn(room.doc));
  }

  private async state(workshopId: string): Promise<WorkshopState> {
    const state = await this.withDoc(workshopDocId(workshopId), (doc) =>
      derived(doc, 'workshop', readWorkshop),
    );
    if (!state.meta) throw new CommandError(404, 'not_found', 'no such workshop');
    return state;
  }

  private async setVote(workshopId: string, fn: (vote: Vote | null) => Vote): Promise<Vote> {
    return this.withRoom(workshopDocId(workshopId), (room) => {
      const state = readWorkshop(room.doc);
      if (!state.meta) throw new CommandError(404, 'not_found', 'no such workshop');
      assertNotEnded(state);
      const next = fn(state.vote);
      room.transact((doc) => writeVote(doc, next));
      return next;
    });
  }

  private static current(vote: Vote | null): Vote {
    if (!vote) throw new CommandError(409, 'no_vote', 'no vote has been started');
    return vote;
  }

  /** The open vote, for a participant's dot on one of its boards. */
  private openVoteFor(state: WorkshopState, identity: Identity, boardId: string): Vote {
    const refusal = voteRefusal(state, boardId, identity);
    if (refusal) {
      const [status, message] = VOTE_REFUSALS[refusal];
      throw new CommandError(status, refusal, message);
    }
    // voteRefusal has checked that a vote is open on this board.
    return state.vote as Vote;
  }

  private dotsOn(vote: Vote, boardId: string): Promise<readonly Dot[]> {
    return this.withDoc(ballotsDocId(boardId), (doc) =>
      derived(doc, `dots:${vote.id}`, (d) => readDots(d, vote.id)),
    );
  }

  /** Every dot of the vote, on all its boards. */
  private async allDots(vote: Vote): Promise<Dot[]> {
    const out: Dot[] = [];
    for (const boardId of vote.boardIds) out.push(...(await this.dotsOn(vote, boardId)));
    return out;
  }

  /**
   * Makes each board's comments document show what participants may see of the vote: all of
   * its dots once the results are shown or the vote is closed, none while they are hidden (and
   * none of earlier votes).
   */
  private async publish(vote: Vote | null, boardIds: Iterable<string>): Promise<void> {
    for (const boardId of new Set(boardIds)) {
      const visible =
        vote?.boardIds.includes(boardId) && mayReadResults(vote, 'participant')
          ? await this.dotsOn(vote, boardId)
          : [];
      await this.withRoom(commentsDocId(boardId), (room) =>
        room.transact((doc) => replaceDots(doc, visible)),
      );
    }
  }

  private async leftFor(vote: Vote, participantId: string): Promise<number> {
    const used = (await this.allDots(vote)).filter((d) => d.participantId === participantId);
    return Math.max(0, vote.dots - used.length);
  }

  // --- facilitator ---

  /**
   * Starts a vote on the given boards, replacing a closed one (its dots stay stored, unused);
   * while a vote is open it is 409 `vote_open`.
   */
  async start(workshopId: string, input: StartVote): Promise<Vote> {
    return this.locked(workshopId, async () => {
      const state = await this.state(workshopId);
      const before = state.vote;
      if (before?.state === 'open')
        throw new CommandError(409, 'vote_open', 'close the open vote first');
      const boardIds = [...new Set(input.boardIds)];
      const unknown = boardIds.filter((id) => !state.boards.some((b) => b.id === id));
      if (unknown.length)
        throw new CommandError(404, 'not_found', `no such board: ${unknown.join(', ')}`);
      const vote = await this.setVote(workshopId, () => ({
        id: newId(),
        boardIds,
        dots: input.dots ?? VOTE_DOTS.default,
        state: 'open',
        showResults: input.showResults ?? false,
        startedAt: Date.now(),
      }));
      await this.publish(vote, [...(before?.boardIds ?? []), ...boardIds]);
      this.logger.info('vote.started', { workshopId, boards: boardIds.length, dots: vote.dots });
      return vote;
    });
  }

  async close(workshopId: string): Promise<Vote> {
    return this.change(workshopId, (v) => ({ ...v, state: 'closed' }));
  }

  async showResults(workshopId: string, show: boolean): Promise<Vote> {
    return this.change(workshopId, (v) => ({ ...v, showResults: show }));
  }

  /** Changes the current vote and shows participants what they may now see. */
  private change(workshopId: string, fn: (vote: Vote) => Vote): Promise<Vote> {
    return this.locked(workshopId, async () => {
      const vote = await this.setVote(workshopId, (v) => fn(VoteService.current(v)));
      await this.publish(vote, vote.boardIds);
      return vote;
    });
  }

  // --- participants ---

  async placeDot(
    identity: Identity,
    boardId: string,
    shapeId: string,
  ): Promise<{ dotId: string; left: number }> {
    return this.locked(identity.workshopId, async () => {
      const state = await this.state(identity.workshopId);
      const vote = this.openVoteFor(state, identity, boardId);
      const exists = await this.withDoc(boardDocId(boardId), (doc) => !!getShape(doc, shapeId));
      if (!exists) throw new CommandError(404, 'not_found', 'no such object on this board');
      const left = await this.leftFor(vote, identity.participantId);
      if (left <= 0) throw new CommandError(409, 'budget_spent', 'all your dots are placed');
      const me = state.participants.find((p) => p.id === identity.participantId);
      const dot: Dot = {
        id: newId(),
        voteId: vote.id,
        boardId,
        shapeId,
        participantId: identity.participantId,
        groupId: me?.groupId ?? null,
        at: Date.now(),
      };
      await this.withRoom(ballotsDocId(boardId), (room) =>
        room.transact((doc) => writeDot(doc, dot)),
      );
      await this.publish(vote, [boardId]);
      return { dotId: dot.id, left: left - 1 };
    });
  }

  async removeDot(identity: Identity, boardId: string, dotId: string): Promise<{ left: number }> {
    return this.locked(identity.workshopId, async () => {
      const state = await this.state(identity.workshopId);
      const vote = this.openVoteFor(state, identity, boardId);
      await this.withRoom(ballotsDocId(boardId), (room) => {
        const dot = readDots(room.doc, vote.id).find((d) => d.id === dotId);
        if (!dot) throw new CommandError(404, 'not_found', 'no such dot');
        if (dot.participantId !== identity.participantId)
          throw new CommandError(403, 'forbidden', 'only your own dots');
        room.transact((doc) => deleteDot(doc, dotId));
      });
      await this.publish(vote, [boardId]);
      return { left: await this.leftFor(vote, identity.participantId) };
    });
  }

  /** A participant's own dots in the current vote (on every board of it). */
  async mine(identity: Identity): Promise<MyDots> {
    const state = await this.state(identity.workshopId);
    const vote = VoteService.current(state.vote);
    const dots = (await this.allDots(vote)).filter(
      (d) => d.participantId === identity.participantId,
    );
    return { voteId: vote.id, left: Math.max(0, vote.dots - dots.length), dots };
  }

  /**
   * What a participant can vote on from one list, without opening each board: the notes of
   * every board of the open vote (bounded: VOTE_BALLOT). Only
   * participants, only while the vote is open (the same rule as placing a dot); a read.
   */
  async ballot(identity: Identity): Promise<VoteBallot> {
    const state = await this.state(identity.workshopId);
    const vote = VoteService.current(state.vote);
    const open = vote.boardIds.find((id) => state.boards.some((b) => b.id === id));
    const refusal = voteRefusal(state, open ?? '', identity);
    if (refusal && refusal !== 'not_found') {
      const [status, message] = VOTE_REFUSALS[refusal];
      throw new CommandError(status, refusal, message);
    }
    const boards: VoteBallot['boards'] = [];
    let notesLeft = VOTE_BALLOT.notesTotal;
    for (const boardId of vote.boardIds) {
      if (!state.boards.some((b) => b.id === boardId)) continue;
      // Read and validated once per change of the board, not once per participant asking.
      const notes = await this.withDoc(boardDocId(boardId), (doc) =>
        derived(doc, 'ballotNotes', (d) => ballotNotes(readAllShapes(d))).slice(0, notesLeft),
      );
      notesLeft -= notes.length;
      boards.push({ boardId, notes });
    }
    return { voteId: vote.id, boards };
  }

  /** The current vote's results, most dots first; participants only once shown or closed. */
  async results(identity: Identity): Promise<VoteResults> {
    const state = await this.state(identity.workshopId);
    const vote = VoteService.current(state.vote);
    if (!mayReadResults(vote, identity.role))
      throw new CommandError(403, 'forbidden', 'the results are not shown yet');
    let total = 0;
    const boards: VoteResults['boards'] = [];
    for (const boardId of vote.boardIds) {
      const counts = tally(await this.dotsOn(vote, boardId));
      const items = await this.withDoc(boardDocId(boardId), (doc) =>
        [...counts].map(([shapeId, dots]) => ({
          shapeId,
          text: shapeText(getShape(doc, shapeId)),
          dots,
        })),
      );
      items.sort((a, b) => b.dots - a.dots || (a.shapeId < b.shapeId ? -1 : 1));
      for (const i of items) total += i.dots;
      boards.push({ boardId, items });
    }
    return { voteId: vote.id, boards, total };
  }
}
