import { describe, expect, it } from 'vitest';
import {
  planRoundRobin,
  unvisited,
  validatePlan,
  visitorsOf,
  whereIs,
  whereIsParticipant,
} from './market.js';

const groups = (n: number) =>
  Array.from({ length: n }, (_, i) => `grp${String(i + 1).padStart(2, '0')}`);

describe('round-robin planner', () => {
  it.each(Array.from({ length: 11 }, (_, i) => i + 2))(
    '%i groups: every group visits every other board exactly once',
    (n) => {
      const ids = groups(n);
      const plan = planRoundRobin(ids);
      expect(plan).toHaveLength(n - 1);
      expect(validatePlan(plan, ids)).toEqual([]);
      for (const g of ids) {
        const visited = plan.map((round) => round[g]);
        expect(visited).not.toContain(g);
        expect(new Set(visited)).toEqual(new Set(ids.filter((x) => x !== g)));
      }
      for (const [r, round] of plan.entries()) {
        // Never two groups on one board; every board has exactly one visiting group.
        expect(new Set(Object.values(round)).size).toBe(n);
        for (const host of ids) expect(visitorsOf(plan, r, host)).toHaveLength(1);
      }
    },
  );

  it('hosts stay home to present while their group visits', () => {
    const plan = planRoundRobin(groups(3));
    const hosts = new Set(['host1']);
    const host = { id: 'host1', groupId: 'grp01' };
    const member = { id: 'memb1', groupId: 'grp01' };
    for (const r of plan.keys()) {
      expect(whereIsParticipant(plan, r, host, hosts)).toBe('grp01');
      expect(whereIsParticipant(plan, r, member, hosts)).not.toBe('grp01');
    }
  });

  it('a group not in a round stays home', () => {
    expect(whereIs([{ grp01: 'grp02', grp02: 'grp01' }], 0, 'grp03')).toBe('grp03');
  });
});

describe('custom plans', () => {
  const ids = groups(4);
  it('accepts a partial plan where some groups stay home', () => {
    expect(validatePlan([{ grp01: 'grp02' }, { grp03: 'grp04', grp04: 'grp03' }], ids)).toEqual([]);
  });

  it.each([
    ['a group on its own board', [{ grp01: 'grp01' }], 'own_board'],
    ['two groups on one board', [{ grp01: 'grp03', grp02: 'grp03' }], 'board_taken'],
    ['an unknown group', [{ grp01: 'nope1' }], 'unknown_group'],
    ['no rounds', [], 'empty'],
    ['too many rounds', Array.from({ length: 21 }, () => ({ grp01: 'grp02' })), 'too_many_rounds'],
  ] as const)('refuses %s', (_name, plan, problem) => {
    expect(
      validatePlan(
        plan.map((r) => ({ ...r })),
        ids,
      ).map((p) => p.problem),
    ).toContain(problem);
  });
});

describe('boards a group never visits', () => {
  it('none in a round-robin plan', () => {
    for (const n of [2, 5, 12])
      expect(unvisited(planRoundRobin(groups(n)), groups(n)).size).toBe(0);
  });

  it('lists, per group, the boards a shortened plan leaves out', () => {
    const ids = groups(4);
    const plan = planRoundRobin(ids).slice(0, 2);
    expect(unvisited(plan, ids)).toEqual(
      new Map([
        ['grp01', ['grp04']],
        ['grp02', ['grp01']],
        ['grp03', ['grp02']],
        ['grp04', ['grp03']],
      ]),
    );
  });
});
