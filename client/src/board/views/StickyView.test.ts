import { type Sticky, stickyDefaults } from '@torg/shared';
import { describe, expect, it } from 'vitest';
import { stickyView } from './StickyView.js';

/** A canvas context that records what is drawn (the calls this note's drawing makes). */
function recorder() {
  const calls: { name: string; args: unknown[] }[] = [];
  const ctx = new Proxy(
    {},
    {
      get:
        (_target, name: string) =>
        (...args: unknown[]) => {
          calls.push({ name, args });
        },
      set: () => true,
    },
  ) as unknown as CanvasRenderingContext2D;
  return { ctx, calls, named: (name: string) => calls.filter((c) => c.name === name) };
}

const note: Sticky = {
  ...stickyDefaults(),
  id: 'stk1',
  x: 100,
  y: 200,
  z: 'a0',
  text: 'Flere eldre trenger hjelp hjemme',
};

describe('a painted note', () => {
  it('shows its words where they can be read', () => {
    const r = recorder();
    stickyView.paint?.(r.ctx, note, { editing: false, scale: 1 });
    const words = r.named('fillText').map((c) => c.args[0]);
    expect(words.join(' ')).toBe('Flere eldre trenger hjelp hjemme');
    expect(r.named('fillRect')).toHaveLength(0);
  });

  it('zoomed out to a whole board on a phone, draws a bar per line instead of tiny glyphs', () => {
    const r = recorder();
    stickyView.paint?.(r.ctx, note, { editing: false, scale: 0.1 });
    expect(r.named('fillText')).toHaveLength(0);
    const lines = recorder();
    stickyView.paint?.(lines.ctx, note, { editing: false, scale: 1 });
    expect(r.named('fillRect')).toHaveLength(lines.named('fillText').length);
    // The paper is still drawn.
    expect(r.named('roundRect').length).toBeGreaterThanOrEqual(2);
  });

  it('leaves its words to the text editor while they are edited', () => {
    const r = recorder();
    stickyView.paint?.(r.ctx, note, { editing: true, scale: 1 });
    expect(r.named('fillText')).toHaveLength(0);
    expect(r.named('fillRect')).toHaveLength(0);
    expect(r.named('roundRect').length).toBeGreaterThanOrEqual(2);
  });
});
