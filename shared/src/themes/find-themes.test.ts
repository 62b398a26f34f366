import { describe, expect, it } from 'vitest';
import { type Sticky, stickyDefaults } from '../shapes/sticky.js';
import { instantiateTemplate } from '../templates/index.js';
import { findThemes } from './find-themes.js';
import { type Finding, INSIGHT_BOARDS, ONE_FRAME_NOTES } from './insight-boards.fixture.js';
import { isThemeNote } from './template-notes.js';
import { noteTerms } from './words.js';

const notes = INSIGHT_BOARDS.flatMap((board, g) =>
  board.notes.map((n, i) => ({
    id: `g${g}n${i}`,
    text: n.text,
    groupId: `g${g}`,
    finding: n.finding,
  })),
);
const textOf = new Map(notes.map((n) => [n.id, n.text]));

describe('themes across five insight boards', () => {
  const { themes, loose } = findThemes(notes, 'nb');
  const themeOf = (text: string) => {
    const note = notes.find((n) => n.text === text);
    return themes.findIndex((t) => t.noteIds.includes(note?.id ?? ''));
  };

  it('finds each of the four shared findings as one theme of all five groups', () => {
    const findings: Finding[] = ['overview', 'contact', 'responsibility', 'meetings'];
    const homes = findings.map((finding) => {
      const mine = notes.filter((n) => n.finding === finding);
      // The theme holding most of the finding's notes.
      const counts = themes.map((t) => mine.filter((n) => t.noteIds.includes(n.id)).length);
      const home = counts.indexOf(Math.max(...counts));
      expect(counts[home], finding).toBeGreaterThanOrEqual(13); // of 15
      expect(themes[home]?.groupIds).toHaveLength(5);
      // None of another finding's notes.
      const others = themes[home]?.noteIds.filter((id) => {
        const f = notes.find((n) => n.id === id)?.finding;
        return f && f !== finding;
      });
      expect(
        others?.map((id) => textOf.get(id)),
        finding,
      ).toEqual([]);
      return home;
    });
    expect(new Set(homes).size).toBe(4);
    // Shared by every group: they come first.
    expect([...homes].sort()).toEqual([0, 1, 2, 3]);
  });

  it('keeps these notes together, worded differently, Bokmål and Nynorsk alike', () => {
    const together = [
      [
        'Brukerne mangler oversikt over tjenestene kommunen har',
        'Brukarane manglar oversikt over tenestene',
        'Tjenesteoversikten på nettsidene er utdatert',
      ],
      [
        'Uklart hvem som er kontaktperson for brukeren',
        'Mange kontaktpunkter, ingen fast kontaktperson',
        'Folk er usikre på kven dei skal kontakte',
      ],
      [
        'Tjenestene er usikre på hvor langt ansvaret deres går',
        'Uklare ansvarsgrenser mellom hjemmetjenesten og fastlegen',
        'Kven har ansvaret for frivilligsentralen?',
      ],
      [
        'Mye tid går til møter i stedet for brukerne',
        'Møtetid går på bekostning av tid med brukerne',
        'Tida går til møte i staden for brukarane',
      ],
    ];
    for (const texts of together) {
      const at = texts.map(themeOf);
      expect(at[0], texts[0]).toBeGreaterThanOrEqual(0);
      expect(new Set(at).size, texts.join(' / ')).toBe(1);
    }
  });

  it('keeps these apart, though they share words', () => {
    const apart = [
      // Both name PPT and the school: one is about whom to call, one about responsibility.
      [
        'Usikre på om de skal kontakte skolen, helsestasjonen eller PPT',
        'Uklart ansvar mellom PPT og skolen',
      ],
      // Both "unsure", both about "the services".
      [
        'Brukerne er usikre på hvem de skal kontakte',
        'Tjenestene er usikre på hvor langt ansvaret deres går',
      ],
      [
        'Ingen samlet oversikt over hvilke tjenester som finnes',
        'Ansvaret mellom NAV og kommunen er uklart for tjenestene selv',
      ],
      ['Møtene tar tid fra brukerne', 'Brukerne vet ikke hvem de skal kontakte hos oss'],
    ];
    for (const [a, b] of apart) {
      const [x, y] = [themeOf(a as string), themeOf(b as string)];
      expect(x === -1 || x !== y, `${a} / ${b}`).toBe(true);
    }
  });

  it('names a theme by the words its notes share, and leaves a note that shares none loose', () => {
    const contact = themes[themeOf('Brukerne er usikre på hvem de skal kontakte')];
    expect(contact?.words[0]).toBe('kontakte');
    const responsibility = themes[themeOf('Uklart ansvar mellom PPT og skolen')];
    expect(responsibility?.words).toContain('ansvaret');
    expect(loose.map((id) => textOf.get(id))).toContain('Medisinrommet er for trangt');
  });

  it('gives the same themes for the same notes', () => {
    expect(findThemes(notes, 'nb')).toEqual({ themes, loose });
  });
});

describe('themes inside one board (no groups)', () => {
  it('sorts nine notes on three concerns into three themes', () => {
    const texts = ONE_FRAME_NOTES;
    const { themes, loose } = findThemes(
      texts.map((text, i) => ({ id: String(i), text, groupId: null })),
      'nb',
    );
    expect(themes.map((t) => t.noteIds.map(Number).sort())).toEqual(
      expect.arrayContaining([
        [0, 3, 6],
        [1, 4, 7],
        [2, 5, 8],
      ]),
    );
    expect(themes).toHaveLength(3);
    expect(loose).toEqual([]);
  });
});

describe('the words of notes', () => {
  const termsOf = (texts: string[], language: 'nb' | 'nn' | 'en' = 'nb') =>
    noteTerms(texts, language).terms;

  it('joins inflections, Nynorsk forms and the parts of compounds', () => {
    const [a, b, c] = termsOf([
      'Brukerne trenger tjenester',
      'Brukarane manglar tenestene',
      'Tjenesteoversikt for bruker',
    ]);
    const shared = (x?: string[], y?: string[]) => x?.filter((t) => y?.includes(t)) ?? [];
    expect(shared(a, b)).toHaveLength(2);
    expect(shared(a, c)).toHaveLength(2);
  });

  it('drops function words of Bokmål, Nynorsk and English, and words that only frame', () => {
    const [terms] = termsOf(['Eg veit ikkje kva det er, and it is unclear, men det er uklart']);
    expect(terms).toEqual([]);
  });

  it('stems English notes in English', () => {
    const [a, b] = termsOf(['Too many meetings', 'We meet instead of serving users'], 'en');
    expect(a?.filter((t) => b?.includes(t))).toEqual(['meet']);
  });

  it('names a term by the word written most often', () => {
    const { terms, label } = noteTerms(['møter', 'møtene', 'møtene', 'møtet'], 'nb');
    expect(new Set(terms.flat()).size).toBe(1);
    expect(label(terms[0]?.[0] ?? '')).toBe('møtene');
  });
});

describe('which notes the themes count', () => {
  const note = (text: string, source?: Sticky['source']): Sticky => ({
    ...stickyDefaults(),
    id: 'note1',
    x: 0,
    y: 0,
    z: 'a0',
    text,
    ...(source ? { source } : {}),
  });
  it('leaves out the template’s untouched suggestions, copies on a theme and empty notes', () => {
    const suggested = instantiateTemplate('future', {}, 'nn').find((s) => s.type === 'sticky');
    const text = suggested?.type === 'sticky' ? suggested.text : '';
    expect(text).not.toBe('');
    expect(isThemeNote(note(text), 'future')).toBe(false);
    expect(isThemeNote(note(`${text} gir flere brukere`), 'future')).toBe(true);
    expect(isThemeNote(note(text), 'blank')).toBe(true);
    expect(isThemeNote(note('  '), 'blank')).toBe(false);
    const copy = note('Lange møter', {
      kind: 'theme',
      boardId: 'board1',
      shapeId: 'note1',
      label: 'Nord',
    });
    expect(isThemeNote(copy, 'blank')).toBe(false);
  });
});
