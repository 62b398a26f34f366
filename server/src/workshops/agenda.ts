import {
  type Agenda,
  type AgendaPlan,
  type AgendaStep,
  endDay,
  MARKET_ROUND_MS,
  nextStep,
  readAgenda,
  replan,
  startNext,
  type WorkshopState,
  writeAgenda,
} from '@torg/shared';
import type { Coordinator } from '../cluster/coordinator.js';
import { CommandError } from '../errors.js';
import type { BoardService } from './boards.js';
import type { MarketService } from './market.js';
import type { PresentationService } from './presentation.js';
import type { TimerService } from './timer.js';
import type { VoteService } from './votes.js';
import { assertNotEnded, type WorkshopDocs } from './workshop-state.js';

/** The services a step's start drives. */
export interface StepDrivers {
  boards: BoardService;
  market: MarketService;
  votes: VoteService;
  timer: TimerService;
  presentation: PresentationService;
}

/**
 * The plan of the day ("kjøreplan", control key `agenda`; the model is `@torg/shared`'s
 * `agenda.ts`): the facilitator's edits, and "Start neste steg", which finishes what the
 * current step runs (the market square, an open vote) and does what the next one needs: a
 * phase with everyone moved to it, the market square set up and started on the latest
 * group phase, a vote on its boards, the step's countdown on the timer.
 */
export class AgendaService {
  constructor(
    private readonly docs: WorkshopDocs,
    private readonly coordinator: Coordinator,
    private readonly drivers: StepDrivers,
  ) {}

  /**
   * The facilitator's plan laid over the day so far (409 if it would undo what happened). In
   * turn with "Start neste steg": an edit never lands between a step's start and its record.
   */
  async plan(workshopId: string, edit: AgendaPlan): Promise<Agenda> {
    return this.coordinator.exclusive(`agenda:${workshopId}`, () =>
      this.docs.change(workshopId, (doc, state) => {
        assertNotEnded(state);
        const next = replan(readAgenda(doc), edit);
        if (!next)
          throw new CommandError(
            409,
            'step_started',
            'a started step stays in the plan and cannot be skipped',
          );
        writeAgenda(doc, next);
        return next;
      }),
    );
  }

  /**
   * "Start neste steg". One at a time per workshop (two facilitators clicking at once start
   * one step, the second gets 409 `agenda_moved`). When the step's own command is refused
   * (say a vote is already open), the agenda stays where it was.
   */
  async startNext(workshopId: string, expectedCurrent: string | null): Promise<Agenda> {
    return this.coordinator.exclusive(`agenda:${workshopId}`, async () => {
      const state = await this.docs.state(workshopId);
      assertNotEnded(state);
      const agenda = await this.agenda(workshopId);
      if (agenda.currentId !== expectedCurrent)
        throw new CommandError(409, 'agenda_moved', 'the plan has moved on; look again');
      const step = nextStep(agenda);
      if (!step) throw new CommandError(409, 'no_next_step', 'there is no step left to start');
      await this.finishCurrent(workshopId, state, agenda);
      const made = await this.begin(workshopId, state, agenda, step);
      return this.docs.change(workshopId, (doc) => {
        const next = startNext(readAgenda(doc), Date.now(), made) ?? readAgenda(doc);
        writeAgenda(doc, next);
        return next;
      });
    });
  }

  /** "Avslutt dagen": the current step ends, the market and an open vote with it. */
  async end(workshopId: string): Promise<Agenda> {
    return this.coordinator.exclusive(`agenda:${workshopId}`, async () => {
      const state = await this.docs.state(workshopId);
      const agenda = await this.agenda(workshopId);
      await this.finishCurrent(workshopId, state, agenda);
      return this.docs.change(workshopId, (doc) => {
        const next = endDay(readAgenda(doc), Date.now());
        writeAgenda(doc, next);
        return next;
      });
    });
  }

  /** The agenda as stored now (through `change`: in a cluster, caught up first). */
  private agenda(workshopId: string): Promise<Agenda> {
    return this.docs.change(workshopId, (doc) => readAgenda(doc));
  }

  /** Moving on from the market square ends it; from a vote closes it; from a round ends it. */
  private async finishCurrent(workshopId: string, state: WorkshopState, agenda: Agenda) {
    const current = agenda.steps.find((s) => s.id === agenda.currentId);
    const market = state.market?.state;
    if (current?.kind === 'market' && (market === 'running' || market === 'paused'))
      await this.drivers.market.command(workshopId, { action: 'end' });
    if (current?.kind === 'vote' && state.vote?.state === 'open')
      await this.drivers.votes.close(workshopId);
    if (current?.kind === 'presentations' && state.presentation?.round)
      await this.drivers.presentation.stop(workshopId);
  }

  /** Does what the step needs; returns what it made, for the plan to remember. */
  private async begin(
    workshopId: string,
    state: WorkshopState,
    agenda: Agenda,
    step: AgendaStep,
  ): Promise<{ phaseId?: string }> {
    const { boards, market, votes, timer, presentation } = this.drivers;
    const countdown = () =>
      timer.command(workshopId, { action: 'start', durationMs: step.minutes * 60_000 });
    switch (step.kind) {
      case 'phase':
      case 'plenary': {
        const { phaseId } = await boards.newPhase(workshopId, {
          name: step.title,
          template: step.template ?? 'blank',
          plenary: step.kind === 'plenary',
          moveEveryone: true,
        });
        await countdown();
        return { phaseId };
      }
      case 'market': {
        const phaseId = latestPhase(state, agenda, 'groups');
        if (!phaseId)
          throw new CommandError(409, 'no_group_phase', 'the market square needs a group phase');
        const groups = state.boards.filter((b) => b.phaseId === phaseId && b.groupId).length;
        // The step's time shared by its rounds (round-robin: one round fewer than groups).
        const rounds = Math.max(1, groups - 1);
        const roundMs = Math.min(
          MARKET_ROUND_MS.max,
          Math.max(MARKET_ROUND_MS.min, Math.floor((step.minutes * 60_000) / rounds)),
        );
        await market.setup(workshopId, { phaseId, roundMs });
        await market.command(workshopId, { action: 'start' });
        return {};
      }
      case 'vote': {
        const phaseId = latestPhase(state, agenda, 'any');
        const boardIds = state.boards
          .filter((b) => b.phaseId === phaseId && !b.archived)
          .map((b) => b.id);
        if (boardIds.length === 0)
          throw new CommandError(409, 'no_boards', 'a vote needs boards to vote on');
        await votes.start(workshopId, { boardIds });
        await countdown();
        return {};
      }
      case 'presentations': {
        // Each group presents its board of the latest group phase, in the groups' order.
        const phaseId = latestPhase(state, agenda, 'groups');
        const order = new Map(state.groups.map((g) => [g.id, g.order]));
        const turns = state.boards
          .filter((b) => b.phaseId === phaseId && b.groupId !== null && !b.archived)
          .sort((a, b) => (order.get(a.groupId ?? '') ?? 0) - (order.get(b.groupId ?? '') ?? 0))
          .map((b) => b.id);
        if (turns.length === 0)
          throw new CommandError(409, 'no_group_phase', 'a presentation round needs group boards');
        const turnMs = Math.max(30_000, Math.floor((step.minutes * 60_000) / turns.length));
        await presentation.startRound(workshopId, turns, turnMs);
        return {};
      }
      case 'break':
      case 'text':
        await countdown();
        return {};
    }
  }
}

/**
 * The phase a market or a vote works on: the one the plan's latest started phase step made,
 * else the workshop's newest phase (with group boards, for a market).
 */
function latestPhase(
  state: WorkshopState,
  agenda: Agenda,
  boards: 'groups' | 'any',
): string | null {
  const fits = (phaseId: string) =>
    state.boards.some((b) => b.phaseId === phaseId && (boards === 'any' || b.groupId !== null));
  const fromPlan = agenda.steps
    .filter((s) => s.startedAt !== null && s.phaseId && fits(s.phaseId))
    .sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0))[0]?.phaseId;
  if (fromPlan) return fromPlan;
  return [...state.phases].reverse().find((p) => fits(p.id))?.id ?? null;
}
