import type { Comment } from '@torg/shared';
import { describe, expect, it } from 'vitest';
import {
  groupFeedback,
  numberComments,
  pinPoint,
  repliesByParent,
  unreadCount,
} from './comments-logic.js';

const c = (id: string, patch: Partial<Comment> = {}): Comment => ({
  id,
  boardId: 'board1',
  kind: 'comment',
  text: id,
  proposal: null,
  pin: { x: 0, y: 0 },
  parentId: null,
  authorId: 'pAAAA',
  authorName: 'Ada',
  groupId: 'g2',
  round: 0,
  status: 'open',
  createdAt: 1,
  ...patch,
});

describe('comments logic', () => {
  const list = [
    c('aaaa', { createdAt: 1 }),
    c('bbbb', { createdAt: 2, parentId: 'aaaa', groupId: 'g1', round: null }),
    c('cccc', { createdAt: 3, round: 1, groupId: 'g3' }),
    c('dddd', { createdAt: 4, round: null, groupId: null, authorId: 'me00' }),
    c('eeee', { createdAt: 5, round: 0, groupId: 'g4' }),
  ];

  it('numbers top-level comments and threads replies', () => {
    expect([...numberComments(list).entries()]).toEqual([
      ['aaaa', 1],
      ['cccc', 2],
      ['dddd', 3],
      ['eeee', 4],
    ]);
    expect(
      repliesByParent(list)
        .get('aaaa')
        ?.map((r) => r.id),
    ).toEqual(['bbbb']);
  });

  it('groups by round (outside the market last), then by group', () => {
    const g = groupFeedback(list);
    expect(g.map((r) => r.round)).toEqual([0, 1, null]);
    expect(g[0]?.groups.map((x) => x.groupId)).toEqual(['g2', 'g4']);
    expect(g[2]?.groups[0]?.threads.map((x) => x.id)).toEqual(['dddd']);
  });

  it('counts unread comments by others', () => {
    expect(unreadCount(list, 0, 'me00')).toBe(4);
    expect(unreadCount(list, 3, 'me00')).toBe(1);
  });

  it('pins to a spot or to an object corner', () => {
    expect(pinPoint({ x: 5, y: 6 }, () => undefined)).toEqual({ x: 5, y: 6 });
    expect(pinPoint({ shapeId: 'gone' }, () => undefined)).toBeNull();
  });
});
