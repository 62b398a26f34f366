import {
  type InputRound,
  instantiateTemplate,
  lookupFrom,
  type Shape,
  type StakeholderInput,
  shapeBounds,
} from '@torg/shared';
import { describe, expect, it } from 'vitest';
import { placeNotes } from './input-placement.js';

const round = (section: string | null): InputRound => ({
  id: 'round001',
  question: 'Hva er viktig for deg?',
  section,
  stakeholders: [{ id: 'rel01', label: 'Pårørende', color: 'pink' }],
  closesAt: 0,
  closed: false,
  published: false,
  createdAt: 0,
});
const inputs: StakeholderInput[] = [1, 2, 3, 4].map((i) => ({
  id: `input00${i}`,
  roundId: 'round001',
  stakeholderId: 'rel01',
  text: `Innspill ${i}`,
  name: null,
  at: i,
  status: 'approved',
  mergedInto: null,
  placed: [],
}));

function overlap(a: Shape, b: { x: number; y: number; w: number; h: number }) {
  const r = shapeBounds(a, lookupFrom([a]));
  if (!r) return false;
  return r.x < b.x + b.w && b.x < r.x + r.w && r.y < b.y + b.h && b.y < r.y + r.h;
}

describe('placing inputs on a board', () => {
  it('puts them beside a template’s columns, not on them, when the board lacks the round’s section', () => {
    const shapes = instantiateTemplate('goals', {}, 'nb');
    const notes = placeNotes(shapes, round('insights.important'), inputs);
    expect(notes).toHaveLength(4);
    for (const note of notes) {
      expect(note).toMatchObject({ type: 'sticky', color: 'pink', source: { label: 'Pårørende' } });
      for (const other of [...shapes, ...notes.filter((n) => n !== note)]) {
        const b = shapeBounds(other, lookupFrom(shapes));
        if (b) expect(overlap(note, b), `${note.id} on ${other.id}`).toBe(false);
      }
    }
  });

  it('puts them inside the round’s section when the board has it', () => {
    const shapes = instantiateTemplate('insights', {}, 'nb');
    const frame = shapes.find((s) => s.type === 'frame' && s.section === 'insights.important');
    if (frame?.type !== 'frame') throw new Error('no section');
    for (const note of placeNotes(shapes, round('insights.important'), inputs)) {
      if (note.type !== 'sticky') throw new Error('not a note');
      expect(note.x).toBeGreaterThanOrEqual(frame.x);
      expect(note.x + note.w).toBeLessThanOrEqual(frame.x + frame.w);
      expect(note.y).toBeGreaterThanOrEqual(frame.y);
    }
  });
});
