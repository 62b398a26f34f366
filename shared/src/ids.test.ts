import { describe, expect, it } from 'vitest';
import { boardDocId, commentsDocId, isValidId, newId, parseDocId, workshopDocId } from './ids.js';

describe('document ids', () => {
  it('round-trips a board id through its document id', () => {
    const id = newId();
    expect(isValidId(id)).toBe(true);
    expect(parseDocId(boardDocId(id))).toEqual({ kind: 'board', id });
  });

  it('round-trips the workshop and comments kinds', () => {
    const id = newId();
    expect(parseDocId(workshopDocId(id))).toEqual({ kind: 'workshop', id });
    expect(commentsDocId(id)).toBe(`c.${id}`);
    expect(parseDocId(commentsDocId(id))).toEqual({ kind: 'comments', id });
  });

  it.each([
    '',
    'b.',
    'b.abc',
    'x.abcdef',
    'b.abc/def',
    'b.../..',
    'abcdef',
    `b.${'a'.repeat(65)}`,
    'b.æøå123',
  ])('rejects %j', (docId) => {
    expect(parseDocId(docId)).toBeNull();
  });

  it('refuses to build a document id from an invalid board id', () => {
    expect(() => boardDocId('../etc')).toThrow();
  });
});
