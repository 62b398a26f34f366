import { describe, expect, it } from 'vitest';
import { cutAtWord } from './text-cut.js';

describe('cutAtWord', () => {
  it('keeps a short text, on one line', () => {
    expect(cutAtWord('  Involver\n pårørende  ', 40)).toBe('Involver pårørende');
  });

  it('cuts a long text at a word boundary with an ellipsis', () => {
    const cut = cutAtWord('Involver pårørende tidlig i planleggingen av tjenestene', 30);
    expect(cut).toBe('Involver pårørende tidlig i…');
    expect(cut.length).toBeLessThanOrEqual(30);
  });

  it('drops punctuation before the ellipsis', () => {
    expect(cutAtWord('Helse, omsorg, velferd og mye mer', 16)).toBe('Helse, omsorg…');
  });

  it('cuts one very long word inside, still with an ellipsis', () => {
    expect(cutAtWord('Fylkeskommunesammenslåingsprosessen', 12)).toBe('Fylkeskommu…');
  });

  it('uses a word that ends exactly at the limit', () => {
    expect(cutAtWord('abc defgh ijk', 10)).toBe('abc defgh…');
  });
});
