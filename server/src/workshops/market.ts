import {
  addCountdownTime,
  type HostPickRefusal,
  hostPickRefusal,
  MARKET_ROUND_MS,
  type Market,
  type MarketCommand,
  type MarketHost,
  type MarketSetup,
  pauseCountdown,
  planRoundRobin,
  resumeCountdown,
  startCountdown,
  validatePlan,
  type WorkshopState,
  writeMarket,
} from '@torg/shared';
import type { Identity } from '../auth/tokens.js';
import { CommandError, type RefusalStatus } from '../errors.js';
import { assertNotEnded, type WorkshopDocs } from './workshop-state.js';

/**
 * The next market after a round command at server time `now`; the round clock follows the
 * shared countdown model (`endsAt` while running, `remainingMs` while paused). Commands that
 * do not apply to the current state return it unchanged.
 */
export function nextMarket(m: Market, cmd: MarketCommand, now: number): Market {
  const ended: Market = { ...m, state: 'ended', endsAt: null, remainingMs: 0 };
  const counting = m.state === 'running' || m.state === 'paused';
  switch (cmd.action) {
    case 'start':
      return startCountdown({ ...m, round: 0 }, m.roundMs, now);
    case 'pause':
      return pauseCountdown(m, now);
    case 'resume':
      return resumeCountdown(m, now);
    case 'extend':
      return counting ? addCountdownTime(m, cmd.ms, now) : m;
    case 'next':
      if (!counting) return m;
      return m.round + 1 >= m.plan.length
        ? ended
        : startCountdown({ ...m, round: m.round + 1 }, m.roundMs, now);
    case 'end':
      return ended;
  }
}

/** The market square ("torgmøte", control key `market`): setup, hosts and the rounds. */
/** How each refusal of the shared rule (`hostPickRefusal`) is answered. */
const HOST_PICK_REFUSALS: Record<HostPickRefusal, [RefusalStatus, string]> = {
  workshop_ended: [409, 'the workshop has ended'],
  no_market: [409, 'no market square is set up'],
  market_started: [409, 'hosts are picked before the rounds start'],
  not_found: [404, 'no such group on the market square'],
  forbidden: [403, 'only for your own group'],
};

export class MarketService {
  constructor(private readonly docs: WorkshopDocs) {}

  /**
   * Sets up the market square for a phase (state `setup`, round 0): the groups' boards in
   * that phase, the plan (round-robin over those groups unless given) and the hosts.
   */
  async setup(workshopId: string, input: MarketSetup): Promise<Market> {
    return this.docs.change(workshopId, (doc, state) => {
      assertNotEnded(state);
      const current = state.market?.state;
      if (current === 'running' || current === 'paused')
        throw new CommandError(409, 'market_running', 'end the running market square first');
      if (!state.phases.some((p) => p.id === input.phaseId))
        throw new CommandError(400, 'unknown_phase', 'no such phase');
      const boardIds = phaseBoards(state, input.phaseId);
      const groupIds = Object.keys(boardIds);
      const plan = input.plan ?? planRoundRobin(groupIds);
      const problems = validatePlan(plan, groupIds);
      if (problems.length > 0) {
        const list = problems
          .map((p) => `round ${p.round}: ${p.problem}${p.groupId ? ` (${p.groupId})` : ''}`)
          .join('; ');
        throw new CommandError(400, 'invalid_plan', `invalid plan: ${list}`);
      }
      const hostIds = [...new Set(input.hostIds ?? [])];
      const hostGroups = new Set<string | null>();
      for (const h of hostIds) {
        const p = state.participants.find((x) => x.id === h && x.role === 'participant');
        if (!p) throw new CommandError(400, 'unknown_participant', `no such participant: ${h}`);
        if (hostGroups.has(p.groupId))
          throw new CommandError(400, 'two_hosts', 'one host per group');
        hostGroups.add(p.groupId);
      }
      const roundMs = input.roundMs ?? MARKET_ROUND_MS.default;
      const market: Market = {
        phaseId: input.phaseId,
        boardIds,
        plan,
        hostIds,
        roundMs,
        state: 'setup',
        round: 0,
        endsAt: null,
        remainingMs: roundMs,
      };
      writeMarket(doc, market);
      return market;
    });
  }

  /** Runs the rounds (see `nextMarket`); stores only a change. */
  async command(workshopId: string, cmd: MarketCommand): Promise<Market> {
    return this.docs.change(workshopId, (doc, state) => {
      assertNotEnded(state);
      const m = state.market;
      if (!m) throw new CommandError(409, 'no_market', 'no market square is set up');
      const next = nextMarket(m, cmd, Date.now());
      if (next !== m) writeMarket(doc, next);
      return next;
    });
  }

  /**
   * Picks who stays home to present for a group, or nobody, before the rounds start: the
   * facilitator for any group, a participant for their own group (themselves or another
   * member). One host per group: the pick replaces the group's earlier one.
   */
  async setHost(identity: Identity, input: MarketHost): Promise<Market> {
    return this.docs.change(identity.workshopId, (doc, state) => {
      const refusal = hostPickRefusal(state, input.groupId, identity);
      if (refusal) {
        const [status, message] = HOST_PICK_REFUSALS[refusal];
        throw new CommandError(status, refusal, message);
      }
      // hostPickRefusal has checked that a market is being set up.
      const m = state.market as Market;
      const host = input.participantId;
      if (
        host !== null &&
        !state.participants.some(
          (p) => p.id === host && p.role === 'participant' && p.groupId === input.groupId,
        )
      )
        throw new CommandError(400, 'unknown_participant', 'the host must be a group member');
      const inGroup = new Set(
        state.participants.filter((p) => p.groupId === input.groupId).map((p) => p.id),
      );
      const hostIds = m.hostIds.filter((h) => !inGroup.has(h));
      if (host !== null) hostIds.push(host);
      const result: Market = { ...m, hostIds };
      writeMarket(doc, result);
      return result;
    });
  }
}

/** groupId → that group's (not archived) board in the phase. */
function phaseBoards(state: WorkshopState, phaseId: string): Record<string, string> {
  const boardIds: Record<string, string> = {};
  for (const g of state.groups) {
    const board = state.boards.find(
      (b) => b.phaseId === phaseId && b.groupId === g.id && !b.archived,
    );
    if (board) boardIds[g.id] = board.id;
  }
  return boardIds;
}
