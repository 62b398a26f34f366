import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Dot, dotsLeft, readDots, tally, VOTES_DOC, type Vote, voteSchema } from './votes.js';

const dot = (id: string, shapeId: string, participantId = 'anne', voteId = 'vote1'): Dot => ({
  id,
  voteId,
  boardId: 'brdA',
  shapeId,
  participantId,
  groupId: null,
  at: Number(id.slice(-1)),
});

describe('dot voting rules', () => {
  it('reads valid dots of a vote, oldest first, and tallies per shape', () => {
    const doc = new Y.Doc();
    const dots = doc.getMap(VOTES_DOC.dots);
    dots.set('dot2', dot('dot2', 'shpA'));
    dots.set('dot1', dot('dot1', 'shpB'));
    dots.set('dot3', dot('dot3', 'shpA', 'bjorn'));
    dots.set('dot4', dot('dot4', 'shpA', 'anne', 'vote2'));
    dots.set('bad1', { id: 'bad1' });
    expect(readDots(doc).map((d) => d.id)).toEqual(['dot1', 'dot2', 'dot3', 'dot4']);
    const ofVote = readDots(doc, 'vote1');
    expect(ofVote.map((d) => d.id)).toEqual(['dot1', 'dot2', 'dot3']);
    expect([...tally(ofVote)]).toEqual([
      ['shpB', 1],
      ['shpA', 2],
    ]);
  });

  it('defaults to 3 dots and counts what is left', () => {
    const vote: Vote = voteSchema.parse({
      id: 'vote1',
      boardIds: ['brdA'],
      state: 'open',
      showResults: false,
      startedAt: 1,
    });
    expect(vote.dots).toBe(3);
    expect(dotsLeft(vote, [dot('dot1', 'shpA'), dot('dot2', 'shpA', 'bjorn')], 'anne')).toBe(2);
    expect(voteSchema.safeParse({ ...vote, dots: 21 }).success).toBe(false);
    expect(voteSchema.safeParse({ ...vote, boardIds: [] }).success).toBe(false);
  });
});
