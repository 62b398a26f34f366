import { describe, expect, it } from 'vitest';
import { LOCALES, translate } from './index.js';

describe('locales', () => {
  it.each(['en', 'nn'] as const)(
    '%s has exactly the Bokmål keys, none empty, with the same placeholders',
    (locale) => {
      const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(Object.keys(LOCALES[locale]).sort()).toEqual(Object.keys(LOCALES.nb).sort());
      for (const [key, text] of Object.entries(LOCALES.nb)) {
        const other = LOCALES[locale][key as keyof typeof LOCALES.nb];
        expect(other.trim(), key).not.toBe('');
        expect(placeholders(other), key).toEqual(placeholders(text));
      }
    },
  );

  it('fills placeholders and keeps æøå', () => {
    expect(translate('nb', 'presence.defaultName', { n: 7 })).toBe('Gjest 7');
    expect(translate('nb', 'status.connecting')).toBe('Kobler til …');
    expect(translate('en', 'board.objectCount', { count: 3 })).toBe('3 objects');
    expect(translate('nn', 'status.connecting')).toBe('Koplar til …');
  });

  it('says one in the singular', () => {
    expect(translate('nb', 'comments.count', { count: 1 })).toBe('1 tilbakemelding');
    expect(translate('nb', 'comments.count', { count: 0 })).toBe('0 tilbakemeldinger');
    expect(translate('nb', 'comments.count', { count: 2 })).toBe('2 tilbakemeldinger');
    expect(translate('en', 'vote.total', { count: 1 })).toBe('1 dot in total');
    // Every singular belongs to a message that exists.
    for (const key of Object.keys(LOCALES.nb).filter((k) => k.endsWith('.one')))
      expect(Object.hasOwn(LOCALES.nb, key.slice(0, -4)), key).toBe(true);
  });
});
