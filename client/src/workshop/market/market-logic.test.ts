import { describe, expect, it } from 'vitest';
import { board, state, swapMarket } from '../test-fixtures.js';
import { homeBoardAfterMarket, marketPlaceOf } from './market-logic.js';

describe('market helpers', () => {
  const boards = [board('b1b1', 'grp1', 1), board('b2b2', 'grp2', 2)];
  const market = swapMarket;
  it('says where a participant is in the round', () => {
    expect(marketPlaceOf(state(boards, { market }), 'anne')).toEqual({
      round: 0,
      total: 1,
      visiting: 'grp2',
      hosting: false,
    });
    // Anne stays home to present while group 2 visits; with nobody coming she is just home.
    const hosted = { ...market, hostIds: ['anne'] };
    expect(marketPlaceOf(state(boards, { market: hosted }), 'anne')).toMatchObject({
      visiting: null,
      hosting: true,
    });
    const alone = { ...hosted, plan: [{ grp1: 'grp2' }] };
    expect(marketPlaceOf(state(boards, { market: alone }), 'anne')).toMatchObject({
      visiting: null,
      hosting: false,
    });
    expect(marketPlaceOf(state(boards, { market: { ...market, state: 'ended' } }), 'anne')).toBe(
      null,
    );
    expect(marketPlaceOf(state(boards, { market }), 'obs1')).toBeNull();
  });
  it('finds the way home', () => {
    expect(homeBoardAfterMarket(state(boards, { market }), 'anne')).toBe('b1b1');
  });
});
