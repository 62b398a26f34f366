import { describe, expect, it } from 'vitest';
import type { Measure } from '../measures.js';
import { renderBoardSvg } from '../render/svg.js';
import { parseShape } from '../schema.js';
import { measureFooter, type Sticky, stickyDefaults, stickyTextBox } from './sticky.js';

const note = (extra: Partial<Sticky> = {}): Sticky => ({
  ...stickyDefaults(),
  id: 'note0001',
  x: 0,
  y: 0,
  z: 'a1',
  text: 'Én fast person å ringe',
  ...extra,
});

describe('a note as an input and as a measure', () => {
  const measure: Measure = {
    owner: 'Enhetsleder',
    due: '2027-03-01',
    status: 'started',
    basedOn: [],
  };

  it('keeps its words clear of the stakeholder tag above and the measure line below', () => {
    const plain = stickyTextBox(note());
    const tagged = stickyTextBox(
      note({
        source: { kind: 'input', roundId: 'round001', inputId: 'input001', label: 'Pårørende' },
        measure,
      }),
    );
    expect(tagged.y).toBeGreaterThan(plain.y);
    expect(tagged.y + tagged.h).toBeLessThan(plain.y + plain.h);
  });

  it('draws the tag and the due date with the owner, in the export as on the canvas', () => {
    const svg = renderBoardSvg(
      [
        note({
          source: { kind: 'input', roundId: 'round001', inputId: 'input001', label: 'Pårørende' },
          measure,
        }),
      ],
      { width: 400, height: 400 },
    );
    expect(svg).toContain('Pårørende');
    expect(svg).toContain('01.03.2027 · Enhetsleder');
    expect(measureFooter({ ...measure, due: '' })).toBe('Enhetsleder');
  });

  it('is still a valid note with neither, and refuses a measure that is not one', () => {
    expect(() => parseShape(note())).not.toThrow();
    expect(() => parseShape({ ...note(), measure: { ...measure, status: 'maybe' } })).toThrow();
    expect(() => parseShape({ ...note(), measure: { ...measure, due: '1. mars' } })).toThrow();
  });
});
