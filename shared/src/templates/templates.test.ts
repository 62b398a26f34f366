import { describe, expect, it } from 'vitest';
import { parseShape, type Shape } from '../schema.js';
import { stickyDefaults } from '../shapes/sticky.js';
import {
  BUILTIN_TEMPLATES,
  contentBySection,
  futureColumns,
  futureYears,
  instantiateShapes,
  instantiateTemplate,
  templateOptionsSchema,
} from './index.js';

const texts = (shapes: Shape[], type: Shape['type']) =>
  shapes
    .filter((s) => s.type === type)
    .map((s) => ('text' in s ? s.text : 'name' in s ? s.name : ''));

describe('templates', () => {
  it.each(BUILTIN_TEMPLATES.flatMap((id) => (['nb', 'en'] as const).map((l) => [id, l] as const)))(
    '%s (%s) instantiates into objects that pass the schema, with unique ids',
    (id, locale) => {
      const shapes = instantiateTemplate(id, {}, locale);
      for (const s of shapes) expect(parseShape(s)).toEqual(s);
      expect(new Set(shapes.map((s) => s.id)).size).toBe(shapes.length);
      if (id === 'blank') expect(shapes).toEqual([]);
      else expect(shapes.some((s) => s.type === 'frame' && s.section)).toBe(true);
    },
  );

  it('two instantiations share no ids', () => {
    const a = instantiateTemplate('journey', {}, 'nb').map((s) => s.id);
    const b = new Set(instantiateTemplate('journey', {}, 'nb').map((s) => s.id));
    expect(a.some((id) => b.has(id))).toBe(false);
  });

  it('future journey 2020→2035: I dag, 2020, 2025, 2030, 2035 and the four rows', () => {
    const shapes = instantiateTemplate('future', {}, 'nb');
    const headings = texts(shapes, 'text');
    for (const h of ['I dag', '2020', '2025', '2030', '2035', 'Fremtidsreise 2020–2035'])
      expect(headings).toContain(h);
    const sections = contentBySection(shapes).map((s) => [s.key, s.title]);
    expect(sections).toEqual([
      ['future.trends', 'Store linjer / trender'],
      ['future.vision', 'Fremtidsbildet 2035'],
      ['future.meaning', 'Hva betyr det for oss?'],
      ['future.actions', 'Hva må vi gjøre?'],
      ['future.who', 'Hvem må med?'],
    ]);
  });

  it('the future journey reads in time order: "today" among the milestones, not before 2020', () => {
    const t = (key: string, year: number) => (key.endsWith('Year') ? `I dag (${year})` : 'I dag');
    expect(futureColumns({}, 2026, t)).toEqual({
      labels: ['2020', '2025', 'I dag', '2030', '2035'],
      todayIndex: 2,
    });
    expect(futureColumns({ firstYear: 2027, horizonYear: 2040 }, 2026, t).labels).toEqual([
      'I dag',
      '2027',
      '2031',
      '2036',
      '2040',
    ]);
    expect(futureColumns({}, 2030, t).labels).toEqual(['2020', '2025', 'I dag (2030)', '2035']);
    expect(futureColumns({}, 2040, t).labels).toEqual(['2020', '2025', '2030', '2035', 'I dag']);
    // The headings on the board, left to right, and the suggested trends under "today".
    const shapes = instantiateTemplate('future', {}, 'en', 2026);
    const heads = shapes
      .filter((s) => s.type === 'text' && s.y === 0)
      .sort((a, b) => (a.type === 'text' && b.type === 'text' ? a.x - b.x : 0))
      .map((s) => (s.type === 'text' ? s.text : ''));
    expect(heads).toEqual(['2020', '2025', 'Today', '2030', '2035']);
    const today = shapes.find((s) => s.type === 'text' && s.text === 'Today');
    const trend = shapes.find((s) => s.type === 'sticky');
    expect(trend && today && 'x' in trend && 'x' in today && trend.x - today.x).toBe(4);
  });

  it('future journey 2027→2040 gives its own columns', () => {
    expect(futureYears({ firstYear: 2027, horizonYear: 2040 })).toEqual([2027, 2031, 2036, 2040]);
    const headings = texts(
      instantiateTemplate('future', { firstYear: 2027, horizonYear: 2040 }, 'nb'),
      'text',
    );
    for (const h of ['2027', '2031', '2036', '2040', 'Fremtidsreise 2027–2040'])
      expect(headings).toContain(h);
    expect(headings).not.toContain('2035');
    expect(
      texts(instantiateTemplate('future', { firstYear: 2027, horizonYear: 2040 }, 'nb'), 'frame'),
    ).toContain('Fremtidsbildet 2040');
  });

  it('refuses a horizon before the first milestone', () => {
    expect(templateOptionsSchema.safeParse({ firstYear: 2035, horizonYear: 2030 }).success).toBe(
      false,
    );
    expect(
      templateOptionsSchema.safeParse({ firstYear: 2027, horizonYear: 2040, steps: 1 }).success,
    ).toBe(true);
  });

  it('lists the suggested trends under "Store linjer / trender", in reading order, without guide texts', () => {
    const shapes = instantiateTemplate('future', {}, 'nb');
    const trends = contentBySection(shapes).find((s) => s.key === 'future.trends');
    expect(trends?.items.map((i) => i.text)).toEqual([
      'Befolkningsvekst',
      'Flere eldre',
      'Innsparing og omstilling',
      'Digitalisering',
    ]);
    const vision = contentBySection(shapes).find((s) => s.key === 'future.vision');
    expect(vision?.items).toEqual([]); // its guide text is not content
  });

  it('a stakeholder card moved into "Involver tett" is reported in that section', () => {
    const shapes = instantiateTemplate('stakeholders', {}, 'nb');
    const quadrant = shapes.find(
      (s) => s.type === 'frame' && s.section === 'stakeholders.manageClosely',
    );
    const card = shapes.find((s) => s.type === 'sticky' && s.text.startsWith('Politikere'));
    if (quadrant?.type !== 'frame' || !card || card.type !== 'sticky')
      throw new Error('template changed');
    const before = contentBySection(shapes);
    expect(
      before
        .find((s) => s.key === 'stakeholders.unplaced')
        ?.items.map((i) => i.text.split('\n')[0]),
    ).toContain('Politikere');
    const moved = shapes.map((s) =>
      s.id === card.id ? { ...card, x: quadrant.x + 100, y: quadrant.y + 100 } : s,
    );
    const after = contentBySection(moved);
    const closely = after.find((s) => s.key === 'stakeholders.manageClosely');
    expect(closely?.title).toBe('Involver tett');
    expect(closely?.items.map((i) => i.text.split('\n')[0])).toEqual(['Politikere']);
    expect(
      after.find((s) => s.key === 'stakeholders.unplaced')?.items.map((i) => i.text.split('\n')[0]),
    ).not.toContain('Politikere');
  });

  it('the user journey, insights and goals templates carry their sections', () => {
    const keys = (id: (typeof BUILTIN_TEMPLATES)[number]) =>
      contentBySection(instantiateTemplate(id, {}, 'en')).map((s) => s.key);
    expect(keys('journey')).toEqual([
      'journey.doing',
      'journey.touchpoints',
      'journey.important',
      'journey.experience',
      'journey.pain',
      'journey.opportunities',
    ]);
    expect(keys('insights').sort()).toEqual([
      'insights.howMightWe',
      'insights.important',
      'insights.insights',
      'insights.problems',
    ]);
    expect(keys('goals')).toEqual([
      'goals.goal',
      'goals.measure',
      'goals.owner',
      'goals.deadline',
      'goals.indicator',
    ]);
  });

  it('instantiating saved objects gives fresh ids and keeps arrows attached to the copies', () => {
    const a = { ...stickyDefaults(), id: 'aaaa1', x: 0, y: 0, z: 'a0' };
    const b = { ...stickyDefaults(), id: 'bbbb1', x: 400, y: 0, z: 'a1' };
    const arrow: Shape = {
      id: 'cccc1',
      type: 'connector',
      v: 1,
      locked: false,
      z: 'a2',
      start: { kind: 'shape', shapeId: 'aaaa1' },
      end: { kind: 'shape', shapeId: 'bbbb1' },
      route: 'straight',
      label: '',
      color: 'black',
      arrowStart: false,
      arrowEnd: true,
    };
    const copies = instantiateShapes([a, b, arrow]);
    const ids = new Set(copies.map((s) => s.id));
    expect(ids.has('aaaa1')).toBe(false);
    const c = copies.find((s) => s.type === 'connector');
    if (c?.type !== 'connector' || c.start.kind !== 'shape' || c.end.kind !== 'shape')
      throw new Error('no arrow');
    expect(ids.has(c.start.shapeId) && ids.has(c.end.shapeId)).toBe(true);
  });
});
