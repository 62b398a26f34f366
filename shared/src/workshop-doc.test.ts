import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Comment, readComments, writeComment } from './comments.js';
import { type Dot, readDots, replaceDots, writeDot } from './votes.js';
import { IDLE_TIMER, type Market, readWorkshop, type WorkshopBoard } from './workshop.js';
import {
  renameParticipants,
  writeBoard,
  writeMarket,
  writeMeta,
  writeParticipant,
  writeTimer,
} from './workshop-doc.js';

const market: Market = {
  phaseId: 'phase1',
  boardIds: { group1: 'board1' },
  plan: [{ group1: 'group2' }],
  hostIds: [],
  roundMs: 60_000,
  state: 'running',
  round: 0,
  endsAt: 123_456,
  remainingMs: 60_000,
};
const board: WorkshopBoard = {
  id: 'board1',
  name: 'Idémyldring',
  groupId: null,
  phaseId: null,
  template: 'blank',
  archived: false,
  locked: true,
  createdAt: 1,
};

describe('workshop document writers', () => {
  it('write what readWorkshop reads back equal', () => {
    const doc = new Y.Doc();
    const meta = {
      title: 'Dag 1',
      date: '2026-05-01',
      ended: false,
      allLocked: false,
      createdAt: 5,
    };
    writeMeta(doc, meta);
    const timer = { state: 'paused', durationMs: 9000, endsAt: null, remainingMs: 4000 } as const;
    writeTimer(doc, timer);
    writeMarket(doc, market);
    writeBoard(doc, board);
    const person = {
      id: 'pers1',
      name: 'Kari',
      role: 'participant',
      groupId: null,
      joinedAt: 2,
    } as const;
    writeParticipant(doc, person);
    const state = readWorkshop(doc);
    expect(state.meta).toEqual(meta);
    expect(state.timer).toEqual(timer);
    expect(state.market).toEqual(market);
    expect(state.boards).toEqual([board]);
    expect(state.participants).toEqual([person]);
  });

  it('refuse a value every reader would skip, and leave the document as it was', () => {
    const doc = new Y.Doc();
    writeTimer(doc, IDLE_TIMER);
    expect(() => writeTimer(doc, { ...IDLE_TIMER, remainingMs: -1 })).toThrow();
    expect(() => writeMarket(doc, { ...market, phaseId: 'x' })).toThrow();
    expect(() => writeBoard(doc, { ...board, name: 'x'.repeat(81) })).toThrow();
    expect(() => writeMeta(doc, { date: 'tomorrow' })).toThrow();
    const state = readWorkshop(doc);
    expect(state.timer).toEqual(IDLE_TIMER);
    expect(state.market).toBeNull();
    expect(state.boards).toEqual([]);
  });

  it('renames every participant for an anonymised copy', () => {
    const doc = new Y.Doc();
    writeParticipant(doc, {
      id: 'pers1',
      name: 'Kari',
      role: 'participant',
      groupId: null,
      joinedAt: 2,
    });
    renameParticipants(doc, (id) => `Deltaker ${id}`);
    expect(readWorkshop(doc).participants.map((p) => p.name)).toEqual(['Deltaker pers1']);
  });
});

describe('comments and ballots writers', () => {
  const comment: Comment = {
    id: 'comm1',
    boardId: 'board1',
    kind: 'comment',
    text: 'Bra idé',
    proposal: null,
    pin: { x: 1, y: 2 },
    parentId: null,
    authorId: 'pers1',
    authorName: 'Kari',
    groupId: null,
    round: null,
    status: 'open',
    createdAt: 3,
  };
  const dot: Dot = {
    id: 'dot1',
    voteId: 'vote1',
    boardId: 'board1',
    shapeId: 'shape1',
    participantId: 'pers1',
    groupId: null,
    at: 4,
  };

  it('write what the readers read back, and refuse what they would skip', () => {
    const doc = new Y.Doc();
    writeComment(doc, comment);
    expect(readComments(doc)).toEqual([comment]);
    expect(() => writeComment(doc, { ...comment, text: '  ' })).toThrow();
    writeDot(doc, dot);
    expect(readDots(doc)).toEqual([dot]);
    expect(() => writeDot(doc, { ...dot, voteId: '' })).toThrow();
    expect(readDots(doc)).toEqual([dot]);
  });

  it('replaceDots leaves exactly the given dots, and writes nothing when they are there', () => {
    const doc = new Y.Doc();
    writeDot(doc, dot);
    const other = { ...dot, id: 'dot2', at: 5 };
    replaceDots(doc, [other]);
    expect(readDots(doc)).toEqual([other]);
    let updates = 0;
    doc.on('update', () => updates++);
    doc.transact(() => replaceDots(doc, [other]));
    expect(updates).toBe(0);
  });
});
