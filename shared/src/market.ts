import { z } from './zod.js';

/**
 * The market square ("torgmøte"): in timed rounds every group visits another group's board.
 * A plan is a list of rounds; a round maps each visiting group to the group whose board it
 * visits. Groups not in a round's map stay home.
 */
export type Round = Record<string, string>;
export type Plan = Round[];

/**
 * Round-robin: in round r (1 … N−1) group i visits the board of group (i + r) mod N. Each
 * round is a permutation without fixed points, so no group is at home, no board has two
 * visiting groups, and over N−1 rounds every group sees every other board exactly once.
 */
export function planRoundRobin(groupIds: readonly string[]): Plan {
  const n = groupIds.length;
  const plan: Plan = [];
  for (let r = 1; r < n; r++) {
    const round: Round = {};
    groupIds.forEach((g, i) => {
      round[g] = groupIds[(i + r) % n] ?? g;
    });
    plan.push(round);
  }
  return plan;
}

export const MAX_ROUNDS = 20;

export interface PlanProblem {
  round: number;
  problem: 'own_board' | 'unknown_group' | 'board_taken' | 'too_many_rounds' | 'empty';
  groupId?: string;
}

/** Checks a (custom) plan against the groups; returns every problem found, none when valid. */
export function validatePlan(plan: Plan, groupIds: readonly string[]): PlanProblem[] {
  const known = new Set(groupIds);
  const problems: PlanProblem[] = [];
  if (plan.length === 0) problems.push({ round: 0, problem: 'empty' });
  if (plan.length > MAX_ROUNDS) problems.push({ round: MAX_ROUNDS, problem: 'too_many_rounds' });
  plan.forEach((round, i) => {
    const hosts = new Set<string>();
    for (const [visitor, host] of Object.entries(round)) {
      if (!known.has(visitor))
        problems.push({ round: i, problem: 'unknown_group', groupId: visitor });
      if (!known.has(host)) problems.push({ round: i, problem: 'unknown_group', groupId: host });
      if (visitor === host) problems.push({ round: i, problem: 'own_board', groupId: visitor });
      if (hosts.has(host)) problems.push({ round: i, problem: 'board_taken', groupId: host });
      hosts.add(host);
    }
  });
  return problems;
}

const id = z.string().check(z.regex(/^[A-Za-z0-9_-]{4,64}$/));
export const planSchema = z.array(z.record(id, id)).check(z.maxLength(MAX_ROUNDS));

/**
 * For each group, the other groups' boards it never visits in the plan (in group order); a
 * round-robin plan leaves none. Groups that visit everything are left out.
 */
export function unvisited(plan: Plan, groupIds: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const g of groupIds) {
    const seen = new Set(plan.map((round) => round[g]));
    const missing = groupIds.filter((h) => h !== g && !seen.has(h));
    if (missing.length > 0) out.set(g, missing);
  }
  return out;
}

/** Which group's board a group is on in a round (its own when it stays home). */
export function whereIs(plan: Plan, round: number, groupId: string): string {
  return plan[round]?.[groupId] ?? groupId;
}

/** The groups visiting a group's board in a round. */
export function visitorsOf(plan: Plan, round: number, hostGroupId: string): string[] {
  return Object.entries(plan[round] ?? {})
    .filter(([, host]) => host === hostGroupId)
    .map(([visitor]) => visitor);
}

/**
 * Where a participant should be in a round: a host stays home to present; everyone else goes
 * where the group goes.
 */
export function whereIsParticipant(
  plan: Plan,
  round: number,
  participant: { id: string; groupId: string | null },
  hostIds: ReadonlySet<string>,
): string | null {
  if (!participant.groupId) return null;
  return hostIds.has(participant.id)
    ? participant.groupId
    : whereIs(plan, round, participant.groupId);
}
