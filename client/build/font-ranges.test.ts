import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  charsOf,
  extWithout,
  inRanges,
  LATIN,
  LATIN_EXT,
  latinWith,
  unicodeRange,
} from './font-ranges.js';

const locales = ['nb.ts', 'en.ts'].map((f) =>
  fs.readFileSync(path.join(import.meta.dirname, '../../shared/src/locale', f), 'utf8'),
);

describe('the characters of the Inter subsets', () => {
  it('puts æøå and every character of the locales in the face every board loads', () => {
    const latin = latinWith(locales);
    for (const ch of 'æøåÆØÅéèüÿ€–—“”‘’…→−') {
      expect(inRanges(ch.codePointAt(0) ?? 0, latin), ch).toBe(true);
    }
    for (const text of locales) {
      for (const ch of text) {
        const cp = ch.codePointAt(0) ?? 0;
        if (cp >= 0x20) expect(inRanges(cp, latin), `U+${cp.toString(16)}`).toBe(true);
      }
    }
  });

  it('adds a character a locale starts to use, outside the usual latin cut', () => {
    const latin = latinWith(['Ferdig ✓']);
    expect(inRanges(0x2713, latin)).toBe(true);
    expect(inRanges(0x2713, LATIN)).toBe(false);
    expect(unicodeRange(latin)).toMatch(/, U\+2713$/);
  });

  it('keeps Sámi and other Latin Extended letters for the face fetched on demand, without overlap', () => {
    const latin = latinWith(locales);
    const ext = extWithout(latin);
    for (const ch of 'čđŋšŧžłőșŁ') {
      const cp = ch.codePointAt(0) ?? 0;
      expect(inRanges(cp, ext), ch).toBe(true);
      expect(inRanges(cp, latin), ch).toBe(false);
    }
    for (const ch of charsOf(ext)) expect(inRanges(ch.codePointAt(0) ?? 0, latin)).toBe(false);
    expect(charsOf(ext).length).toBeLessThanOrEqual(charsOf(LATIN_EXT).length);
  });

  it('writes CSS unicode-range syntax', () => {
    expect(
      unicodeRange([
        [0x20, 0x7e],
        [0x20ac, 0x20ac],
      ]),
    ).toBe('U+20-7E, U+20AC');
  });
});
