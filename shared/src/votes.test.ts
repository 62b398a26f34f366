import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Shape } from './shapes/registry.js';
import { stickyDefaults } from './shapes/sticky.js';
import {
  ballotNotes,
  type Dot,
  dotsLeft,
  rankResults,
  readDots,
  tally,
  VOTE_BALLOT,
  VOTES_DOC,
  type Vote,
  voteSchema,
} from './votes.js';

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

describe('ranking and the vote list', () => {
  it('ranks across boards, most dots first; ties share a rank', () => {
    const ranked = rankResults({
      voteId: 'vote1',
      total: 9,
      boards: [
        { boardId: 'brdA', items: [{ shapeId: 'a1', text: 'A1', dots: 2 }] },
        {
          boardId: 'brdB',
          items: [
            { shapeId: 'b1', text: 'B1', dots: 4 },
            { shapeId: 'b2', text: 'B2', dots: 2 },
            { shapeId: 'b3', text: 'B3', dots: 1 },
          ],
        },
      ],
    });
    expect(ranked.map((r) => [r.rank, r.shapeId, r.boardId])).toEqual([
      [1, 'b1', 'brdB'],
      [2, 'a1', 'brdA'],
      [2, 'b2', 'brdB'],
      [4, 'b3', 'brdB'],
    ]);
  });

  it('lists notes in reading order, without frames or free text, bounded', () => {
    const note = (id: string, x: number, y: number, text: string): Shape => ({
      ...stickyDefaults(),
      id,
      type: 'sticky',
      v: 1,
      x,
      y,
      w: 200,
      h: 200,
      z: 'a0',
      locked: false,
      text,
    });
    const notes = ballotNotes([
      note('shpC', 0, 300, 'Nede'),
      note('shpB', 300, 10, 'Oppe til høyre'),
      note('shpA', 0, 0, 'Oppe til venstre'),
      { ...note('shpF', 0, 0, ''), type: 'text' } as Shape,
    ]);
    expect(notes.map((n) => n.shapeId)).toEqual(['shpA', 'shpB', 'shpC']);
    const many = Array.from({ length: VOTE_BALLOT.notesPerBoard + 5 }, (_, i) =>
      note(`shp${i}`, i, 0, 'x'.repeat(500)),
    );
    const cut = ballotNotes(many);
    expect(cut).toHaveLength(VOTE_BALLOT.notesPerBoard);
    expect(cut[0]?.text).toHaveLength(VOTE_BALLOT.textLength);
  });
});
