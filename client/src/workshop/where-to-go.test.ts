import { describe, expect, it } from 'vitest';
import { board, state, swapMarket } from './test-fixtures.js';
import { whereToGo } from './where-to-go.js';

const anne = { role: 'participant' as const, participantId: 'anne' };
const b1 = board('b1b1', 'grp1', 1);
const b2 = board('b2b2', 'grp2', 2);
const market = swapMarket;

describe('whereToGo', () => {
  it('a visitor on her own board in a round is sent to the board she visits, as a visit', () => {
    const go = whereToGo(state([b1, b2], { market }), b1, anne, null);
    expect(go).toEqual({
      key: 'market.goVisit',
      params: { group: 'Gruppe 2', name: 'b2b2' },
      board: b2,
    });
    expect(whereToGo(state([b1, b2], { market }), b2, anne, 'readonly.otherGroup')).toBeNull();
  });

  it('a host on her own board stays; elsewhere she is sent home as the host', () => {
    const hosted = state([b1, b2], { market: { ...market, hostIds: ['anne'] } });
    expect(whereToGo(hosted, b1, anne, null)).toBeNull();
    expect(whereToGo(hosted, b2, anne, 'readonly.otherGroup')).toMatchObject({
      key: 'market.goHost',
      board: b1,
    });
  });

  it('without a market: her group’s board from another group’s, or its newer board', () => {
    expect(whereToGo(state([b1, b2]), b2, anne, 'readonly.otherGroup')).toMatchObject({
      key: 'workshop.yourBoard',
      board: b1,
    });
    const newer = board('b3b3', 'grp1', 3);
    expect(whereToGo(state([b1, b2, newer]), b1, anne, null)).toMatchObject({
      key: 'workshop.newBoard',
      board: newer,
    });
    expect(whereToGo(state([b1, b2]), b1, anne, null)).toBeNull();
    expect(whereToGo(state([b1, b2]), b2, { role: 'observer', participantId: 'obs1' }, null)).toBe(
      null,
    );
  });
});
